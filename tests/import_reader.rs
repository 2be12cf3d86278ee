//! The CLIXML reader (spec `import.md` §3, §7): every element and quirk on small hand-written
//! files, the encodings, and the files it must refuse.

use hybrid_designer::import::clixml::{Limits, Obj, Parsed, Prim, ReadError, Value, parse_bytes};
use proptest::prelude::*;
use std::rc::Rc;

const OPEN: &str =
    r#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#;

fn clixml(body: &str) -> String {
    format!("{OPEN}{body}</Objs>")
}

fn objects(text: &str) -> Vec<Rc<Obj>> {
    match parse_bytes(text.as_bytes(), &Limits::default()) {
        Ok(Parsed::Objects(o)) => o,
        other => panic!("expected objects, got {other:?}"),
    }
}

fn refused(bytes: &[u8]) -> ReadError {
    match parse_bytes(bytes, &Limits::default()) {
        Err(e) => e,
        Ok(p) => panic!("expected a refusal, got {p:?}"),
    }
}

fn one(body: &str) -> Rc<Obj> {
    let mut o = objects(&clixml(body));
    assert_eq!(o.len(), 1, "one object");
    o.remove(0)
}

#[test]
fn every_primitive_element_keeps_its_text_and_kind() {
    let o = one(r#"<Obj RefId="0"><TN RefId="0"><T>X.Y</T></TN><Props>
        <S N="s">text</S><C N="c">65</C><B N="b">true</B><DT N="dt">2021-09-28T10:32:01-07:00</DT>
        <TS N="ts">PT1H</TS><By N="by">7</By><SB N="sb">-7</SB><I16 N="i16">-16</I16><U16 N="u16">16</U16>
        <I32 N="i32">-32</I32><U32 N="u32">32</U32><I64 N="i64">-64</I64><U64 N="u64">64</U64>
        <Sg N="sg">1.5</Sg><Db N="db">2.5</Db><D N="d">3.5</D><G N="g">3c5ebdaf-1885-4f22-8f60-0e8c1667abed</G>
        <URI N="uri">https://mail.contoso.com/EWS/Exchange.asmx</URI><Version N="v">1.2.3.4</Version>
        <XD N="xd">&lt;a/&gt;</XD><SBK N="sbk">Remove-Item C:\</SBK><SS N="ss">01000000d08c9ddf</SS>
        <Nil N="nil" /></Props></Obj>"#);
    assert_eq!(o.first_type(), Some("X.Y"));
    assert_eq!(o.text("s").as_deref(), Some("text"));
    assert_eq!(o.get("c"), Some(&Value::Prim(Prim::Char, "65".into())));
    assert_eq!(o.bool("b"), Some(true));
    assert_eq!(
        o.get("dt"),
        Some(&Value::Prim(
            Prim::DateTime,
            "2021-09-28T10:32:01-07:00".into()
        ))
    );
    assert_eq!(
        o.get("ts"),
        Some(&Value::Prim(Prim::Duration, "PT1H".into()))
    );
    for (n, v) in [
        ("by", 7),
        ("sb", -7),
        ("i16", -16),
        ("u16", 16),
        ("i32", -32),
        ("u32", 32),
        ("i64", -64),
        ("u64", 64),
    ] {
        assert_eq!(o.int(n), Some(v), "{n}");
    }
    assert_eq!(o.get("db"), Some(&Value::Prim(Prim::Float, "2.5".into())));
    assert_eq!(
        o.get("g"),
        Some(&Value::Prim(
            Prim::Guid,
            "3c5ebdaf-1885-4f22-8f60-0e8c1667abed".into()
        ))
    );
    assert_eq!(
        o.text("uri").as_deref(),
        Some("https://mail.contoso.com/EWS/Exchange.asmx")
    );
    assert_eq!(
        o.text("xd").as_deref(),
        Some("<a/>"),
        "entities decoded by the XML parser"
    );
    assert_eq!(o.text("ss"), None, "a secure string is never read");
    assert_eq!(o.get("nil"), Some(&Value::Nil));
}

#[test]
fn powershell_escapes_decode_with_surrogate_pairs() {
    let o = one(
        r#"<Obj RefId="0"><TN RefId="0"><T>A_x005F_B</T></TN><ToString>[Subject]_x000D__x000A_  CN=Solo-E19A</ToString><MS>
        <S N="pair">smile _xD83D__xDE00_</S><S N="lone">bad _xD83D_ end</S><S N="eight">_x0001F600_</S>
        <S N="plain">not_x_escape _x12_</S><S N="N_x005F_x">named</S></MS></Obj>"#,
    );
    assert_eq!(o.first_type(), Some("A_B"));
    assert_eq!(o.to_string.as_deref(), Some("[Subject]\r\n  CN=Solo-E19A"));
    assert_eq!(o.text("pair").as_deref(), Some("smile \u{1F600}"));
    assert_eq!(o.text("lone").as_deref(), Some("bad \u{FFFD} end"));
    assert_eq!(o.text("eight").as_deref(), Some("\u{1F600}"));
    assert_eq!(o.text("plain").as_deref(), Some("not_x_escape _x12_"));
    assert_eq!(
        o.text("N_x").as_deref(),
        Some("named"),
        "N attributes are decoded too"
    );
}

#[test]
fn ref_and_tnref_reuse_earlier_definitions() {
    let objs = objects(&clixml(
        r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T><T>System.Object</T></TN>
           <Props><Obj N="Identity" RefId="1"><TN RefId="1"><T>ADObjectId</T></TN><ToString>EX01</ToString></Obj><Ref N="Id" RefId="1" /></Props></Obj>
           <Obj RefId="2"><TNRef RefId="0" /><Props><S N="Name">EX02</S></Props></Obj>"#,
    ));
    assert_eq!(objs.len(), 2);
    assert_eq!(objs[0].get("Id"), objs[0].get("Identity"));
    assert_eq!(objs[1].types, objs[0].types);
    assert_eq!(
        objs[1].first_type(),
        Some("Microsoft.Exchange.Data.Directory.Management.ExchangeServer")
    );
}

#[test]
fn props_win_over_ms_and_ms_holds_selected_output() {
    let o = one(
        r#"<Obj RefId="0"><TN RefId="0"><T>Selected.X</T></TN><Props><S N="Name">adapted</S></Props>
           <MS><S N="Name">extended</S><S N="Server">EX01</S></MS></Obj>"#,
    );
    assert_eq!(o.text("Name").as_deref(), Some("adapted"));
    assert_eq!(o.text("Server").as_deref(), Some("EX01"));
}

#[test]
fn lists_enums_dictionaries_and_single_values() {
    let o = one(r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props>
        <Obj N="L" RefId="1"><TN RefId="1"><T>MultiValuedProperty</T></TN><LST><S>a</S><S>b</S></LST></Obj>
        <Obj N="E" RefId="2"><TN RefId="2"><T>ServerRole</T><T>System.Enum</T></TN><ToString>Mailbox, ClientAccess</ToString><I32>6</I32></Obj>
        <Obj N="D" RefId="3"><TN RefId="3"><T>Hashtable</T></TN><DCT><En><S N="Key">k</S><I32 N="Value">1</I32></En></DCT></Obj>
        <Obj N="Q" RefId="4"><TN RefId="4"><T>Queue</T></TN><QUE><S>q</S></QUE></Obj>
        <S N="Single">only</S><Nil N="None" /></Props></Obj>"#);
    assert_eq!(o.texts("L"), ["a", "b"]);
    assert_eq!(o.texts("Q"), ["q"]);
    let e = o.get("E").and_then(Value::obj).expect("an enum object");
    assert!(e.is_enum());
    assert_eq!(e.to_string.as_deref(), Some("Mailbox, ClientAccess"));
    let d = o.get("D").and_then(Value::obj).expect("a dictionary");
    assert_eq!(d.entries.len(), 1);
    assert_eq!(d.entries[0].0.text().as_deref(), Some("k"));
    assert_eq!(
        o.texts("Single"),
        ["only"],
        "a single value is a one-item list"
    );
    assert!(o.texts("None").is_empty(), "nil is an empty list");
}

#[test]
fn serialization_data_is_skipped_and_raw_data_kept() {
    let o = one(
        r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props><BA N="RawData">MIIB</BA></Props>
           <MS><BA N="SerializationData">AAEAAAD/////AQAAAAAAAAAMAgAAAF5N</BA></MS></Obj>"#,
    );
    assert_eq!(o.text("RawData").as_deref(), Some("MIIB"));
    assert_eq!(o.get("SerializationData"), Some(&Value::Nil));
}

#[test]
fn every_encoding_gives_the_same_objects() {
    let text = clixml(
        r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props><S N="Name">Zürich ✓</S></Props></Obj>"#,
    );
    let utf8 = objects(&text);
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(text.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for bytes in [bom8, le, be] {
        match parse_bytes(&bytes, &Limits::default()) {
            Ok(Parsed::Objects(o)) => assert_eq!(o, utf8),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_file_that_is_not_clixml_is_reported_as_such() {
    match parse_bytes(
        b"<?xml version=\"1.0\"?><configuration/>",
        &Limits::default(),
    ) {
        Ok(Parsed::NotClixml { root }) => assert_eq!(root, "configuration"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_dtd_is_refused_before_any_expansion() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Objs>&lol2;</Objs>"#;
    assert!(matches!(refused(bomb.as_bytes()), ReadError::Dtd));
}

#[test]
fn a_truncated_file_names_line_and_column() {
    let text = clixml(r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN>"#);
    let cut = &text[..text.len() - "</Objs>".len()];
    let e = refused(format!("{cut}\n").as_bytes());
    assert!(matches!(e, ReadError::Malformed { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("unexpected end of file"), "{e}");
}

#[test]
fn dangling_references_are_refused() {
    let e = refused(clixml(r#"<Obj RefId="0"><TNRef RefId="9" /></Obj>"#).as_bytes());
    assert!(e.to_string().contains("<TNRef RefId=\"9\">"), "{e}");
    let e = refused(clixml(r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props><Ref N="a" RefId="5" /></Props></Obj>"#).as_bytes());
    assert!(e.to_string().contains("<Ref RefId=\"5\">"), "{e}");
}

#[test]
fn undefined_entities_invalid_text_and_wrong_declarations_are_refused() {
    assert!(matches!(
        refused(clixml("<S>&foo;</S>").as_bytes()),
        ReadError::Malformed { .. }
    ));
    assert!(matches!(
        refused(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
        ReadError::Encoding { .. }
    ));
    assert!(matches!(
        refused(b"<Objs>\xE9t\xE9</Objs>"),
        ReadError::Encoding { .. }
    ));
    let decl = format!(
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>{}",
        clixml("")
    );
    assert!(matches!(
        refused(decl.as_bytes()),
        ReadError::DeclaredEncoding { .. }
    ));
    assert!(matches!(refused(b"   "), ReadError::Empty));
}

#[test]
fn nesting_and_element_count_are_bounded() {
    let deep = format!("{OPEN}{}", "<Obj>".repeat(10_000));
    assert!(matches!(
        refused(deep.as_bytes()),
        ReadError::TooDeep { .. }
    ));
    let limits = Limits {
        max_elements: 10,
        ..Limits::default()
    };
    let many = clixml(&"<S>a</S>".repeat(11));
    assert!(matches!(
        parse_bytes(many.as_bytes(), &limits),
        Err(ReadError::TooManyElements { .. })
    ));
    let limits = Limits {
        max_raw_data: 3,
        ..Limits::default()
    };
    let big = clixml(
        r#"<Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props><BA N="RawData">QUFBQUFBQUFB</BA></Props></Obj>"#,
    );
    assert!(matches!(
        parse_bytes(big.as_bytes(), &limits),
        Err(ReadError::RawDataTooLarge { .. })
    ));
}

const SAMPLE: &str = r#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T></TN><ToString>EX_x000D_01</ToString><Props><S N="Name">EX01</S><Obj N="L" RefId="1"><TN RefId="1"><T>L</T></TN><LST><S>a</S></LST></Obj><B N="b">true</B></Props><MS><BA N="SerializationData">AAE=</BA></MS></Obj><Obj RefId="2"><TNRef RefId="0" /><Props><Ref N="x" RefId="1" /></Props></Obj></Objs>"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Mutated CLIXML (bytes replaced, cut, duplicated) is read or refused, never a panic.
    #[test]
    fn mutated_clixml_never_panics(edits in prop::collection::vec((0usize..SAMPLE.len(), any::<u8>(), 0u8..3), 1..8)) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match op {
                0 => bytes[at] = byte,
                1 => bytes.truncate(at),
                _ => {
                    let tail = bytes[at..].to_vec();
                    bytes.extend_from_slice(&tail);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        let _ = parse_bytes(&bytes, &Limits::default());
    }
}
