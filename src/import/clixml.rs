//! A reader of PowerShell's `Export-Clixml` files (spec `import.md` §3), on quick-xml.
//!
//! The file is decoded whole by its byte-order mark (UTF-8, UTF-16LE/BE), then parsed as a
//! stream of events into plain values. Security first: a `<!DOCTYPE` refuses the file before
//! anything is expanded, only the five predefined entities and character references exist,
//! and depth, element count, file size and `RawData` size are bounded. `SerializationData`
//! blobs are skipped unread: they are .NET `BinaryFormatter` data and must never be decoded.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

/// The PowerShell serialization namespace of the root `<Objs>`.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/powershell/2004/04";

/// The bounds of spec §3.3.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest element nesting.
    pub max_depth: usize,
    /// Most elements in one file.
    pub max_elements: usize,
    /// Largest certificate `RawData`, in decoded bytes.
    pub max_raw_data: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 256 * 1024 * 1024,
            max_depth: 256,
            max_elements: 10_000_000,
            max_raw_data: 64 * 1024,
        }
    }
}

/// Why a file was refused. The message completes `error: <file>: `.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read at all.
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
    /// Zero bytes, or only a byte-order mark and white space.
    #[error("the file is empty")]
    Empty,
    /// Over [`Limits::max_file_bytes`].
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// Bytes that do not decode in the encoding the file announces.
    #[error("not valid {encoding} text (re-export with -Encoding UTF8)")]
    Encoding {
        /// The encoding tried.
        encoding: &'static str,
    },
    /// An XML declaration that names another encoding than the bytes have.
    #[error("the XML declaration says encoding {declared}, but the file is {actual}")]
    DeclaredEncoding {
        /// What the declaration says.
        declared: String,
        /// What the byte-order mark says.
        actual: &'static str,
    },
    /// A document type declaration: refused before any expansion.
    #[error("XML with a DTD (<!DOCTYPE>) is refused")]
    Dtd,
    /// Not well-formed XML, or truncated.
    #[error("malformed XML at line {line}, column {column}: {reason}")]
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// Nesting deeper than [`Limits::max_depth`].
    #[error("elements nested deeper than {limit} at line {line}, column {column}")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// More than [`Limits::max_elements`] elements.
    #[error("more than {limit} elements")]
    TooManyElements {
        /// The limit.
        limit: usize,
    },
    /// A `RawData` over [`Limits::max_raw_data`].
    #[error("a RawData larger than {limit} bytes at line {line}")]
    RawDataTooLarge {
        /// The limit.
        limit: usize,
        /// 1-based line.
        line: usize,
    },
    /// A `<Ref>` or `<TNRef>` to an id not defined earlier in the file.
    #[error(
        "broken reference at line {line}, column {column}: <{element} RefId=\"{id}\"> names no earlier {what}"
    )]
    DanglingRef {
        /// `Ref` or `TNRef`.
        element: &'static str,
        /// The id.
        id: String,
        /// `object` or `type-name list`.
        what: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// The kind of a primitive element (§3.2); the text is kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    /// `<S>`, `<XD>`, `<SBK>` (never run), `<URI>`, `<Version>`, `<SemanticVersion>`.
    Text,
    /// `<C>`: a UTF-16 code as a number.
    Char,
    /// `<B>`.
    Bool,
    /// `<DT>`.
    DateTime,
    /// `<TS>`.
    Duration,
    /// `<By>`, `<SB>`, `<I16>` … `<U64>`.
    Int,
    /// `<Sg>`, `<Db>`, `<D>`.
    Float,
    /// `<G>`.
    Guid,
    /// `<BA>` (only `RawData` keeps its text).
    Bytes,
    /// `<SS>`: never decrypted, text dropped.
    Secure,
}

/// A value: null, a primitive, or an object (shared when `<Ref>` reuses it).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `<Nil>`, or a value the reader skips (`SerializationData`).
    Nil,
    /// A primitive element and its text (escapes decoded for strings).
    Prim(Prim, String),
    /// An `<Obj>`.
    Obj(Rc<Obj>),
}

/// A complex object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj {
    /// The type-name list, most derived first.
    pub types: Rc<Vec<String>>,
    /// The `<ToString>` text.
    pub to_string: Option<String>,
    /// `<Props>` (adapted properties), in order.
    pub props: Vec<(String, Value)>,
    /// `<MS>` (extended and note properties), in order.
    pub ms: Vec<(String, Value)>,
    /// Items of `<LST>`, `<IE>`, `<STK>`, `<QUE>`.
    pub items: Vec<Value>,
    /// Pairs of `<DCT>`.
    pub entries: Vec<(Value, Value)>,
    /// A primitive child without a name (an enum's number, a wrapped primitive).
    pub primitive: Option<Box<Value>>,
}

impl Obj {
    /// The property `name`: from `<Props>`, else `<MS>` (§3.2).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.props
            .iter()
            .chain(&self.ms)
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// The first type name.
    #[must_use]
    pub fn first_type(&self) -> Option<&str> {
        self.types.first().map(String::as_str)
    }

    /// An enum value (`System.Enum` among its types).
    #[must_use]
    pub fn is_enum(&self) -> bool {
        self.types.iter().any(|t| t == "System.Enum")
    }

    /// The property as text (see [`Value::text`]).
    #[must_use]
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).and_then(Value::text)
    }

    /// The property as a boolean; absent, null or unreadable is `None`.
    #[must_use]
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Value::Prim(Prim::Bool, t) => match t.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// The property as an integer.
    #[must_use]
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            Value::Prim(Prim::Int, t) => t.trim().parse().ok(),
            _ => None,
        }
    }

    /// The property as a list (§3.2: a single value is a one-item list, null an empty one).
    #[must_use]
    pub fn list(&self, name: &str) -> Vec<&Value> {
        match self.get(name) {
            None | Some(Value::Nil) => Vec::new(),
            Some(Value::Obj(o)) if !o.items.is_empty() || o.to_string.is_none() => {
                o.items.iter().collect()
            }
            Some(v) => vec![v],
        }
    }

    /// The property as a list of texts.
    #[must_use]
    pub fn texts(&self, name: &str) -> Vec<String> {
        self.list(name)
            .into_iter()
            .filter_map(Value::text)
            .collect()
    }
}

impl Value {
    /// The text of a value: a primitive's text, an object's `ToString` (an enum's name).
    #[must_use]
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Nil | Value::Prim(Prim::Secure, _) => None,
            Value::Prim(_, t) => Some(t.clone()),
            Value::Obj(o) => o.to_string.clone(),
        }
    }

    /// The object, if this is one.
    #[must_use]
    pub fn obj(&self) -> Option<&Obj> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }
}

/// What a file holds.
#[derive(Debug)]
pub enum Parsed {
    /// Well-formed XML whose root is not PowerShell's `<Objs>`: skipped, not an error.
    NotClixml {
        /// The root element's name.
        root: String,
    },
    /// The top-level objects, in file order.
    Objects(Vec<Rc<Obj>>),
}

/// Read and parse one file.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Parsed, ReadError> {
    let len = std::fs::metadata(path)?.len();
    if len > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    parse_bytes(&bytes, limits)
}

/// Decode by byte-order mark and parse.
pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_file_bytes,
        });
    }
    let (text, encoding) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Parser::new(&text, encoding, limits).run()
}

fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    let utf16 = |rest: &[u8], big: bool, encoding: &'static str| {
        if !rest.len().is_multiple_of(2) {
            return Err(ReadError::Encoding { encoding });
        }
        let units = rest.chunks_exact(2).map(|c| {
            if big {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(|s| (s, encoding))
            .map_err(|_| ReadError::Encoding { encoding })
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true, "UTF-16BE");
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    String::from_utf8(bytes.to_vec())
        .map(|s| (s, "UTF-8"))
        .map_err(|_| ReadError::Encoding { encoding: "UTF-8" })
}

/// Decode PowerShell's `_xHHHH_` escapes (§3.2), joining surrogate pairs; a lone surrogate
/// becomes U+FFFD.
#[must_use]
pub fn unescape_ps(text: &str) -> String {
    if !text.contains("_x") && !text.contains("_X") {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut units: Vec<u16> = Vec::with_capacity(text.len());
    let mut i = 0;
    let hex_run = |from: usize, n: usize| -> Option<u32> {
        let s = text.get(from..from + n)?;
        if s.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(s, 16).ok()
        } else {
            None
        }
    };
    while i < bytes.len() {
        if bytes[i] == b'_' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
            if bytes.get(i + 6) == Some(&b'_')
                && let Some(v) = hex_run(i + 2, 4)
            {
                units.push(v as u16);
                i += 7;
                continue;
            }
            if bytes.get(i + 10) == Some(&b'_')
                && let Some(v) = hex_run(i + 2, 8)
            {
                match char::from_u32(v) {
                    Some(c) => {
                        let mut buf = [0u16; 2];
                        units.extend_from_slice(c.encode_utf16(&mut buf));
                    }
                    None => units.push(0xFFFD),
                }
                i += 11;
                continue;
            }
        }
        // Copy one whole character.
        let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let mut buf = [0u16; 2];
        units.extend_from_slice(ch.encode_utf16(&mut buf));
        i += ch.len_utf8().max(1);
    }
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// Where a child value goes.
enum Frame {
    Root,
    Obj {
        name: Option<String>,
        ref_id: Option<String>,
        obj: Obj,
    },
    Tn {
        ref_id: Option<String>,
        types: Vec<String>,
    },
    /// `<T>` or `<ToString>`: text for the object below.
    Text {
        to_string: bool,
        text: String,
    },
    Props,
    Ms,
    List,
    Dct,
    En {
        key: Option<Value>,
        value: Option<Value>,
    },
    Prim {
        kind: Prim,
        name: Option<String>,
        text: String,
        keep: bool,
    },
    Ref {
        name: Option<String>,
        obj: Rc<Obj>,
    },
    Nil {
        name: Option<String>,
    },
    /// An element the reader does not use (`<PR>`, unknown): its content is skipped.
    Ignore,
}

struct Parser<'a> {
    text: &'a str,
    encoding: &'static str,
    limits: &'a Limits,
    stack: Vec<Frame>,
    objects: HashMap<String, Rc<Obj>>,
    type_lists: HashMap<String, Rc<Vec<String>>>,
    out: Vec<Rc<Obj>>,
    elements: usize,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, encoding: &'static str, limits: &'a Limits) -> Self {
        Self {
            text,
            encoding,
            limits,
            stack: Vec::new(),
            objects: HashMap::new(),
            type_lists: HashMap::new(),
            out: Vec::new(),
            elements: 0,
            pos: 0,
        }
    }

    fn line_col(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len());
        let mut cut = pos;
        while !self.text.is_char_boundary(cut) {
            cut -= 1;
        }
        let before = &self.text[..cut];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    fn malformed(&self, pos: usize, reason: impl Into<String>) -> ReadError {
        let (line, column) = self.line_col(pos);
        ReadError::Malformed {
            line,
            column,
            reason: reason.into(),
        }
    }

    #[allow(clippy::too_many_lines)] // one match over the event kinds
    fn run(mut self) -> Result<Parsed, ReadError> {
        let mut reader = Reader::from_str(self.text);
        let mut seen_root = false;
        loop {
            let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            self.pos = start;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = usize::try_from(reader.error_position()).unwrap_or(start);
                    return Err(self.malformed(at, e.to_string()));
                }
            };
            match event {
                Event::DocType(_) => return Err(ReadError::Dtd),
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        let declared = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                        let fits = if self.encoding == "UTF-8" {
                            matches!(declared.as_str(), "utf-8" | "utf8")
                        } else {
                            declared.starts_with("utf-16") || declared == "unicode"
                        };
                        if !fits {
                            return Err(ReadError::DeclaredEncoding {
                                declared,
                                actual: self.encoding,
                            });
                        }
                    }
                }
                Event::Start(e) => {
                    if !seen_root {
                        seen_root = true;
                        if let Some(root) = not_clixml_root(&e) {
                            return Ok(Parsed::NotClixml { root });
                        }
                        self.stack.push(Frame::Root);
                        continue;
                    }
                    self.open(&e)?;
                }
                Event::Empty(e) => {
                    if !seen_root {
                        return match not_clixml_root(&e) {
                            Some(root) => Ok(Parsed::NotClixml { root }),
                            None => Ok(Parsed::Objects(Vec::new())),
                        };
                    }
                    self.open(&e)?;
                    self.close()?;
                }
                Event::End(_) => {
                    if matches!(self.stack.last(), Some(Frame::Root)) {
                        self.stack.pop();
                        return self.finish(&mut reader);
                    }
                    self.close()?;
                }
                Event::Text(t) => {
                    let s = t
                        .xml10_content()
                        .map_err(|e| self.malformed(start, e.to_string()))?;
                    self.push_text(&s);
                }
                Event::CData(t) => {
                    let s = t
                        .decode()
                        .map_err(|e| self.malformed(start, e.to_string()))?;
                    self.push_text(&s);
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r
                                .decode()
                                .map_err(|e| self.malformed(start, e.to_string()))?;
                            match predefined(&name) {
                                Some(c) => c.to_string(),
                                None => {
                                    return Err(
                                        self.malformed(start, format!("undefined entity &{name};"))
                                    );
                                }
                            }
                        }
                        Err(e) => return Err(self.malformed(start, e.to_string())),
                    };
                    self.push_text(&ch);
                }
                Event::Eof => {
                    return Err(if seen_root {
                        self.malformed(self.text.len(), "unexpected end of file")
                    } else {
                        self.malformed(self.text.len(), "no root element")
                    });
                }
                Event::Comment(_) | Event::PI(_) => {}
            }
        }
    }

    /// After the root closes, only white space, comments and processing instructions may follow.
    fn finish(self, reader: &mut Reader<&[u8]>) -> Result<Parsed, ReadError> {
        loop {
            let at = usize::try_from(reader.buffer_position()).unwrap_or(0);
            match reader.read_event() {
                Ok(Event::Eof) => return Ok(Parsed::Objects(self.out)),
                Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Event::Comment(_) | Event::PI(_)) => {}
                Ok(Event::DocType(_)) => return Err(ReadError::Dtd),
                Ok(_) => return Err(self.malformed(at, "content after the root element")),
                Err(e) => return Err(self.malformed(at, e.to_string())),
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        match self.stack.last_mut() {
            Some(Frame::Text { text, .. }) => text.push_str(s),
            Some(Frame::Prim { text, keep, .. }) if *keep => text.push_str(s),
            _ => {}
        }
    }

    #[allow(clippy::too_many_lines)] // one match over the element vocabulary
    fn open(&mut self, e: &BytesStart) -> Result<(), ReadError> {
        self.elements += 1;
        if self.elements > self.limits.max_elements {
            return Err(ReadError::TooManyElements {
                limit: self.limits.max_elements,
            });
        }
        if self.stack.len() >= self.limits.max_depth {
            let (line, column) = self.line_col(self.pos);
            return Err(ReadError::TooDeep {
                limit: self.limits.max_depth,
                line,
                column,
            });
        }
        let local = e.local_name();
        let tag = std::str::from_utf8(local.as_ref()).unwrap_or("");
        let mut name = None;
        let mut ref_id = None;
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.malformed(self.pos, err.to_string()))?;
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| self.malformed(self.pos, err.to_string()))?;
            match attr.key.local_name().as_ref() {
                b"N" => name = Some(unescape_ps(&value)),
                b"RefId" => ref_id = Some(value.into_owned()),
                _ => {}
            }
        }
        // Inside an ignored element or a primitive, everything is ignored.
        if matches!(
            self.stack.last(),
            Some(
                Frame::Ignore
                    | Frame::Prim { .. }
                    | Frame::Text { .. }
                    | Frame::Ref { .. }
                    | Frame::Nil { .. }
            )
        ) {
            self.stack.push(Frame::Ignore);
            return Ok(());
        }
        let frame = match tag {
            "Obj" => Frame::Obj {
                name,
                ref_id,
                obj: Obj::default(),
            },
            "TN" => Frame::Tn {
                ref_id,
                types: Vec::new(),
            },
            "T" => Frame::Text {
                to_string: false,
                text: String::new(),
            },
            "ToString" => Frame::Text {
                to_string: true,
                text: String::new(),
            },
            "TNRef" => {
                let id = ref_id.unwrap_or_default();
                let Some(types) = self.type_lists.get(&id).cloned() else {
                    let (line, column) = self.line_col(self.pos);
                    return Err(ReadError::DanglingRef {
                        element: "TNRef",
                        id,
                        what: "type-name list",
                        line,
                        column,
                    });
                };
                if let Some(Frame::Obj { obj, .. }) = self.stack.last_mut() {
                    obj.types = types;
                }
                Frame::Ignore
            }
            "Props" => Frame::Props,
            "MS" => Frame::Ms,
            "LST" | "IE" | "STK" | "QUE" => Frame::List,
            "DCT" => Frame::Dct,
            "En" => Frame::En {
                key: None,
                value: None,
            },
            "Ref" => {
                let id = ref_id.unwrap_or_default();
                let Some(obj) = self.objects.get(&id).cloned() else {
                    let (line, column) = self.line_col(self.pos);
                    return Err(ReadError::DanglingRef {
                        element: "Ref",
                        id,
                        what: "object",
                        line,
                        column,
                    });
                };
                Frame::Ref { name, obj }
            }
            "Nil" => Frame::Nil { name },
            _ => match prim_kind(tag) {
                Some(kind) => {
                    let keep = match kind {
                        Prim::Bytes => name.as_deref() == Some("RawData"),
                        Prim::Secure => false,
                        _ => true,
                    };
                    Frame::Prim {
                        kind,
                        name,
                        text: String::new(),
                        keep,
                    }
                }
                None => Frame::Ignore,
            },
        };
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), ReadError> {
        let Some(frame) = self.stack.pop() else {
            return Err(self.malformed(self.pos, "unexpected end tag"));
        };
        let (name, value) = match frame {
            Frame::Root => return Err(self.malformed(self.pos, "unexpected end tag")),
            Frame::Props | Frame::Ms | Frame::List | Frame::Dct | Frame::Ignore => return Ok(()),
            Frame::Tn { ref_id, types } => {
                let types = Rc::new(types);
                if let Some(id) = ref_id {
                    self.type_lists.insert(id, Rc::clone(&types));
                }
                if let Some(Frame::Obj { obj, .. }) = self.stack.last_mut() {
                    obj.types = types;
                }
                return Ok(());
            }
            Frame::Text { to_string, text } => {
                let text = unescape_ps(&text);
                match self.stack.last_mut() {
                    Some(Frame::Tn { types, .. }) if !to_string => types.push(text),
                    Some(Frame::Obj { obj, .. }) if to_string => obj.to_string = Some(text),
                    _ => {}
                }
                return Ok(());
            }
            Frame::En { key, value } => {
                let below = self.stack.len().wrapping_sub(2);
                if let Some(Frame::Obj { obj, .. }) = self.stack.get_mut(below) {
                    obj.entries
                        .push((key.unwrap_or(Value::Nil), value.unwrap_or(Value::Nil)));
                }
                return Ok(());
            }
            Frame::Obj { name, ref_id, obj } => {
                let obj = Rc::new(obj);
                if let Some(id) = ref_id {
                    self.objects.insert(id, Rc::clone(&obj));
                }
                (name, Value::Obj(obj))
            }
            Frame::Ref { name, obj } => (name, Value::Obj(obj)),
            Frame::Nil { name } => (name, Value::Nil),
            Frame::Prim {
                kind,
                name,
                text,
                keep,
            } => {
                if kind == Prim::Bytes && keep {
                    let decoded = text.trim().len() / 4 * 3;
                    if decoded > self.limits.max_raw_data + 3 {
                        let (line, _) = self.line_col(self.pos);
                        return Err(ReadError::RawDataTooLarge {
                            limit: self.limits.max_raw_data,
                            line,
                        });
                    }
                }
                let text = if kind == Prim::Text {
                    unescape_ps(&text)
                } else {
                    text
                };
                if keep {
                    (name, Value::Prim(kind, text))
                } else {
                    (name, Value::Nil)
                }
            }
        };
        self.deliver(name, value);
        Ok(())
    }

    /// Hand a finished value to the frame that holds it.
    fn deliver(&mut self, name: Option<String>, value: Value) {
        let len = self.stack.len();
        let (below, top) = self.stack.split_at_mut(len.saturating_sub(1));
        match top.first_mut() {
            Some(Frame::Root) => {
                if let Value::Obj(o) = value {
                    self.out.push(o);
                }
            }
            Some(Frame::Props | Frame::Ms | Frame::List) => {
                let is_ms = matches!(top.first(), Some(Frame::Ms));
                let is_list = matches!(top.first(), Some(Frame::List));
                if let Some(Frame::Obj { obj, .. }) = below.last_mut() {
                    if is_list {
                        obj.items.push(value);
                    } else if let Some(n) = name {
                        if is_ms {
                            obj.ms.push((n, value));
                        } else {
                            obj.props.push((n, value));
                        }
                    }
                }
            }
            Some(Frame::En { key, value: v }) => {
                if name.as_deref() == Some("Key") {
                    *key = Some(value);
                } else {
                    *v = Some(value);
                }
            }
            Some(Frame::Obj { obj, .. }) => {
                if matches!(value, Value::Prim(..)) {
                    obj.primitive = Some(Box::new(value));
                }
            }
            _ => {}
        }
    }
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn prim_kind(tag: &str) -> Option<Prim> {
    Some(match tag {
        "S" | "XD" | "SBK" | "URI" | "Version" | "SemanticVersion" => Prim::Text,
        "C" => Prim::Char,
        "B" => Prim::Bool,
        "DT" => Prim::DateTime,
        "TS" => Prim::Duration,
        "By" | "SB" | "I16" | "U16" | "I32" | "U32" | "I64" | "U64" => Prim::Int,
        "Sg" | "Db" | "D" => Prim::Float,
        "G" => Prim::Guid,
        "BA" => Prim::Bytes,
        "SS" => Prim::Secure,
        _ => return None,
    })
}

/// `Some(root name)` when the root element is not PowerShell's `<Objs>`.
fn not_clixml_root(e: &BytesStart) -> Option<String> {
    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    if local != "Objs" {
        return Some(local);
    }
    let foreign_ns = e
        .attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"xmlns" && a.value.as_ref() != NAMESPACE.as_bytes());
    foreign_ns.then_some(local)
}
