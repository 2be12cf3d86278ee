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

/// The properties a real `Get-ReceiveConnector` object carries besides the ones the import
/// reads (limits, flags, logging, the AD bookkeeping): about 2.5 KB, as in real exports.
fn receive_extras(i: usize, k: usize) -> String {
    let mut s = String::new();
    for (name, value) in [
        (
            "AuthMechanism",
            "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
        ),
        ("Banner", ""),
        ("DefaultDomain", ""),
        ("MessageRateSource", "IPAddress"),
        (
            "PermissionGroups",
            "AnonymousUsers, ExchangeUsers, ExchangeServers, ExchangeLegacyServers",
        ),
        ("ProtocolLoggingLevel", "Verbose"),
        ("TransportRole", "FrontendTransport"),
        ("ExtendedProtectionPolicy", "None"),
        ("SizeEnabled", "EnabledWithoutValue"),
        ("ConnectionTimeout", "00:10:00"),
        ("ConnectionInactivityTimeout", "00:05:00"),
        ("TarpitInterval", "00:00:05"),
        ("MaxAcknowledgementDelay", "00:00:30"),
        ("MaxHeaderSize", "128 KB (131,072 bytes)"),
        ("MaxMessageSize", "36 MB (37,748,736 bytes)"),
        ("AdminDisplayName", ""),
        ("ExchangeVersion", "0.1 (8.0.535.0)"),
        (
            "ObjectCategory",
            "contoso.local/Configuration/Schema/ms-Exch-Smtp-Receive-Connector",
        ),
        ("OrganizationId", ""),
        ("OriginatingServer", "DC01.contoso.local"),
        ("ObjectState", "Unchanged"),
    ] {
        let _ = write!(s, r#"<S N="{name}">{value}</S>"#);
    }
    for name in [
        "BinaryMimeEnabled",
        "ChunkingEnabled",
        "DeliveryStatusNotificationEnabled",
        "EightBitMimeEnabled",
        "SmtpUtf8Enabled",
        "BareLinefeedRejectionEnabled",
        "DomainSecureEnabled",
        "EnhancedStatusCodesEnabled",
        "LongAddressesEnabled",
        "OrarEnabled",
        "SuppressXAnonymousTls",
        "ProxyEnabled",
        "AdvertiseClientSettings",
        "PipeliningEnabled",
        "RequireEHLODomain",
        "EnableAuthGSSAPI",
        "IsValid",
    ] {
        let _ = write!(s, r#"<B N="{name}">{}</B>"#, name.len() % 2 == 0);
    }
    for (name, value) in [
        ("MessageRateLimit", 5000),
        ("MaxInboundConnection", 5000),
        ("MaxInboundConnectionPerSource", 100),
        ("MaxInboundConnectionPercentagePerSource", 2),
        ("MaxHopCount", 60),
        ("MaxLocalHopCount", 12),
        ("MaxLogonFailures", 3),
        ("MaxProtocolErrors", 5),
        ("MaxRecipientsPerMessage", 200),
    ] {
        let _ = write!(s, r#"<I32 N="{name}">{value}</I32>"#);
    }
    let _ = write!(
        s,
        r#"<Obj N="RemoteIPRanges"><TN RefId="ip{i}-{k}"><T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.IPRange]]</T></TN><LST><S>::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff</S><S>0.0.0.0-255.255.255.255</S><S>10.{a}.{b}.0/24</S></LST></Obj><Obj N="ObjectClass"><TN RefId="oc{i}-{k}"><T>Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String]]</T></TN><LST><S>top</S><S>msExchSmtpReceiveConnector</S></LST></Obj><DT N="WhenChanged">2026-0{m}-1{d}T0{h}:32:1{d}+01:00</DT><DT N="WhenCreated">2019-0{m}-2{d}T1{h}:02:4{d}+01:00</DT><DT N="WhenChangedUTC">2026-0{m}-1{d}T0{h}:32:1{d}Z</DT><DT N="WhenCreatedUTC">2019-0{m}-2{d}T1{h}:02:4{d}Z</DT><G N="Id">{k:08x}-7c1e-4e0b-9d3f-{i:012}</G><S N="Comment">Created by setup on EX{i:04} for {k}; see the change record before editing this connector.</S>"#,
        a = i % 250,
        b = k,
        m = 1 + k % 9,
        d = k % 10,
        h = i % 10,
    );
    s
}

/// The properties a real `Get-ExchangeServer` object carries besides the ones the import
/// reads: about 2 KB.
fn server_extras(i: usize) -> String {
    let mut s = String::new();
    for (name, value) in [
        ("Domain", "contoso.local"),
        ("Edition", "StandardEvaluation"),
        (
            "ExchangeLegacyDN",
            "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers",
        ),
        ("ExchangeLegacyServerRole", "0"),
        ("OrganizationalUnit", "contoso.local/EX"),
        ("AdminDisplayName", ""),
        ("ExchangeVersion", "0.1 (8.0.535.0)"),
        (
            "ObjectCategory",
            "contoso.local/Configuration/Schema/ms-Exch-Exchange-Server",
        ),
        ("OriginatingServer", "DC01.contoso.local"),
        ("ObjectState", "Unchanged"),
        ("ErrorReportingEnabled", ""),
        ("StaticDomainControllers", ""),
        ("StaticGlobalCatalogs", ""),
        ("StaticConfigDomainController", ""),
        (
            "CurrentDomainControllers",
            "DC01.contoso.local, DC02.contoso.local",
        ),
        (
            "CurrentGlobalCatalogs",
            "DC01.contoso.local, DC02.contoso.local",
        ),
        ("ProductID", "00000-00000-00000-00000"),
        ("MonitoringGroup", ""),
    ] {
        let _ = write!(s, r#"<S N="{name}">{value}</S>"#);
    }
    for name in [
        "IsHubTransportServer",
        "IsClientAccessServer",
        "IsExchange2007OrLater",
        "IsMailboxServer",
        "IsProvisionedServer",
        "IsUnifiedMessagingServer",
        "IsFrontendTransportServer",
        "IsValid",
        "CustomerFeedbackEnabled",
        "IsExchangeTrialEdition",
        "IsExpiredExchangeTrialEdition",
    ] {
        let _ = write!(s, r#"<B N="{name}">{}</B>"#, name.len() % 3 == 0);
    }
    let _ = write!(
        s,
        r#"<Obj N="ObjectClass"><TN RefId="soc{i}"><T>Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String]]</T></TN><LST><S>top</S><S>server</S><S>msExchExchangeServer</S></LST></Obj><DT N="WhenChanged">2026-10-1{d}T08:12:4{d}+01:00</DT><DT N="WhenCreated">2019-03-0{d}T14:22:0{d}+01:00</DT><DT N="WhenChangedUTC">2026-10-1{d}T07:12:4{d}Z</DT><DT N="WhenCreatedUTC">2019-03-0{d}T13:22:0{d}Z</DT><TS N="RemainingTrialPeriod">P0D</TS><S N="DataPath">D:\Program Files\Microsoft\Exchange Server\V15\Mailbox</S><S N="InstallPath">C:\Program Files\Microsoft\Exchange Server\V15\</S><G N="Id">{i:08x}-1c2d-4e5f-8a9b-{i:012}</G>"#,
        d = i % 10,
    );
    s
}

/// Write the inventory: servers, per-server Receive connectors (10 each), EWS directories,
/// a Send connector from every server, the hybrid configuration; every object with the
/// properties a real export carries, about 40 MB in all for 500 servers.
fn generate(dir: &Path, servers: usize) {
    let blob = blob();
    let mut s = String::from(NS);
    for i in 0..servers {
        let _ = write!(
            s,
            r#"<Obj RefId="{r}"><TN RefId="t{i}"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T><T>System.Object</T></TN><ToString>EX{i:04}</ToString><Props><S N="Name">EX{i:04}</S><S N="Fqdn">EX{i:04}.contoso.local</S><G N="Guid">3c5ebdaf-1885-4f22-8f60-{i:012}</G><Obj N="AdminDisplayVersion" RefId="{r1}"><TN RefId="v{i}"><T>Microsoft.Exchange.Data.ServerVersion</T></TN><ToString>Version 15.2 (Build 1544.4)</ToString><Props><I32 N="Major">15</I32><I32 N="Minor">2</I32><I32 N="Build">1544</I32><I32 N="Revision">4</I32></Props></Obj><Obj N="ServerRole" RefId="{r2}"><TN RefId="e{i}"><T>ServerRole</T><T>System.Enum</T></TN><ToString>Mailbox</ToString><I32>2</I32></Obj><B N="IsEdgeServer">false</B><Obj N="Site" RefId="{r3}"><TN RefId="s{i}"><T>ADObjectId</T></TN><ToString>contoso.local/Configuration/Sites/Site{site}</ToString></Obj><S N="DistinguishedName">CN=EX{i:04},CN=Servers,DC=contoso,DC=local</S>{extras}</Props><MS><BA N="SerializationData">{blob}</BA></MS></Obj>"#,
            r = i * 4,
            r1 = i * 4 + 1,
            r2 = i * 4 + 2,
            r3 = i * 4 + 3,
            site = i % 5,
            extras = server_extras(i),
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
                r#"<Obj RefId="{r}"><TN RefId="{r}"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector</T></TN><ToString>EX{i:04}\Connector {k}</ToString><Props><S N="Name">Connector {k}</S><G N="Guid">0000abcd-0000-0000-{k:04}-{i:012}</G><Obj N="Server" RefId="{r1}"><TN RefId="{r1}"><T>ADObjectId</T></TN><ToString>EX{i:04}</ToString></Obj><Obj N="Bindings" RefId="{r2}"><TN RefId="{r2}"><T>MVP</T></TN><LST><S>0.0.0.0:25</S><S>[::]:25</S></LST></Obj><Obj N="TlsDomainCapabilities" RefId="{r3}"><TN RefId="{r3}"><T>MVP</T></TN><LST><S>{cap}</S></LST></Obj><B N="Enabled">true</B>{extras}</Props><MS><BA N="SerializationData">{blob}{blob}</BA></MS></Obj>"#,
                extras = receive_extras(i, k),
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
            r#"<Obj RefId="w{i}"><TN RefId="w{i}"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory</T></TN><Props><S N="Name">EWS (Default Web Site)</S><S N="Identity">EX{i:04}\EWS (Default Web Site)</S><G N="Guid">5e1f0c2a-77d0-4c1b-a2e3-{i:012}</G><Obj N="Server" RefId="x{i}"><TN RefId="x{i}"><T>ADObjectId</T></TN><ToString>EX{i:04}</ToString></Obj><URI N="ExternalUrl">https://mail.contoso.com/EWS/Exchange.asmx</URI><B N="MRSProxyEnabled">true</B></Props><MS><BA N="SerializationData">{blob}</BA></MS></Obj>"#
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
