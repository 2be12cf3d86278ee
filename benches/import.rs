//! Import speed (spec `import.md`, issue 13): an inventory of 500 servers, about 40 MB of
//! CLIXML, generated here into a temporary folder.
//!
//! Budget: `import/500_servers` under 2 s (and under 300 MB of memory, measured on the command
//! line with `/usr/bin/time -v`; set `IMPORT_BENCH_KEEP=DIR` to keep the generated folder).

use criterion::{Criterion, criterion_group, criterion_main};
use hybrid_designer::import::{Options, import_paths};
use hybrid_designer::model::Date;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

const NS: &str =
    r#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#;
/// The opaque blob Exchange adds to nearly every object; about 2 KB as in real exports.
fn blob() -> String {
    "AAEAAAD/////AQAAAAAAAAAMAgAAAF5NaWNyb3NvZnQuRXhjaGFuZ2U".repeat(40)
}

/// Write the inventory: servers, per-server Receive connectors (10 each), EWS directories,
/// a Send connector from every server, the hybrid configuration.
fn generate(dir: &Path, servers: usize) {
    let blob = blob();
    let mut s = String::from(NS);
    for i in 0..servers {
        let _ = write!(
            s,
            r#"<Obj RefId="{r}"><TN RefId="t{i}"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T><T>System.Object</T></TN><ToString>EX{i:04}</ToString><Props><S N="Name">EX{i:04}</S><S N="Fqdn">EX{i:04}.contoso.local</S><G N="Guid">3c5ebdaf-1885-4f22-8f60-{i:012}</G><Obj N="AdminDisplayVersion" RefId="{r1}"><TN RefId="v{i}"><T>Microsoft.Exchange.Data.ServerVersion</T></TN><ToString>Version 15.2 (Build 1544.4)</ToString><Props><I32 N="Major">15</I32><I32 N="Minor">2</I32><I32 N="Build">1544</I32><I32 N="Revision">4</I32></Props></Obj><Obj N="ServerRole" RefId="{r2}"><TN RefId="e{i}"><T>ServerRole</T><T>System.Enum</T></TN><ToString>Mailbox</ToString><I32>2</I32></Obj><B N="IsEdgeServer">false</B><Obj N="Site" RefId="{r3}"><TN RefId="s{i}"><T>ADObjectId</T></TN><ToString>contoso.local/Configuration/Sites/Site{site}</ToString></Obj><S N="DistinguishedName">CN=EX{i:04},CN=Servers,DC=contoso,DC=local</S></Props><MS><BA N="SerializationData">{blob}</BA></MS></Obj>"#,
            r = i * 4,
            r1 = i * 4 + 1,
            r2 = i * 4 + 2,
            r3 = i * 4 + 3,
            site = i % 5,
        );
    }
    s.push_str("</Objs>");
    std::fs::write(dir.join("Get-ExchangeServer.xml"), &s).expect("write");

    let mut s = String::from(NS);
    let mut r = 0;
    for i in 0..servers {
        for k in 0..10 {
            let cap = if k == 0 {
                "mail.protection.outlook.com:AcceptCloudServicesMail"
            } else {
                "contoso.com:None"
            };
            let _ = write!(
                s,
                r#"<Obj RefId="{r}"><TN RefId="{r}"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector</T></TN><ToString>EX{i:04}\Connector {k}</ToString><Props><S N="Name">Connector {k}</S><G N="Guid">0000abcd-0000-0000-{k:04}-{i:012}</G><Obj N="Server" RefId="{r1}"><TN RefId="{r1}"><T>ADObjectId</T></TN><ToString>EX{i:04}</ToString></Obj><Obj N="Bindings" RefId="{r2}"><TN RefId="{r2}"><T>MVP</T></TN><LST><S>0.0.0.0:25</S><S>[::]:25</S></LST></Obj><Obj N="TlsDomainCapabilities" RefId="{r3}"><TN RefId="{r3}"><T>MVP</T></TN><LST><S>{cap}</S></LST></Obj><B N="Enabled">true</B></Props><MS><BA N="SerializationData">{blob}{blob}</BA></MS></Obj>"#,
                r1 = r + 1,
                r2 = r + 2,
                r3 = r + 3,
            );
            r += 4;
        }
    }
    s.push_str("</Objs>");
    std::fs::write(dir.join("Get-ReceiveConnector.xml"), &s).expect("write");

    let mut s = String::from(NS);
    let sources = (0..servers).fold(String::new(), |mut acc, i| {
        let _ = write!(acc, "<S>EX{i:04}</S>");
        acc
    });
    let _ = write!(
        s,
        r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T></TN><Props><S N="Name">Outbound to Office 365</S><B N="CloudServicesMailEnabled">true</B><B N="RequireTLS">true</B><Obj N="SourceTransportServers" RefId="1"><TN RefId="1"><T>MVP</T></TN><LST>{sources}</LST></Obj><B N="Enabled">true</B></Props></Obj>"#
    );
    for i in 0..servers {
        let _ = write!(
            s,
            r#"<Obj RefId="w{i}"><TN RefId="w{i}"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory</T></TN><Props><Obj N="Server" RefId="x{i}"><TN RefId="x{i}"><T>ADObjectId</T></TN><ToString>EX{i:04}</ToString></Obj><URI N="ExternalUrl">https://mail.contoso.com/EWS/Exchange.asmx</URI><B N="MRSProxyEnabled">true</B></Props><MS><BA N="SerializationData">{blob}</BA></MS></Obj>"#
        );
    }
    s.push_str("</Objs>");
    std::fs::write(dir.join("Get-Misc.xml"), &s).expect("write");
}

fn import_500_servers(c: &mut Criterion) {
    let temp = tempfile::tempdir().expect("temporary directory");
    let dir =
        std::env::var_os("IMPORT_BENCH_KEEP").map_or_else(|| temp.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&dir).expect("folder");
    generate(&dir, 500);
    let opts = Options::on(Date::new(2026, 12, 5).expect("a day"));
    let paths = [dir.clone()];
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("500_servers", |b| {
        b.iter(|| import_paths(black_box(&paths), &opts, |_, _| {}).expect("imports"));
    });
    group.finish();
}

criterion_group!(benches, import_500_servers);
criterion_main!(benches);
