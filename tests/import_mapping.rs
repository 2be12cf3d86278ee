//! The mapping of spec `import.md` §4 and §5, per object type, on small hand-written objects.

use hybrid_designer::import::clixml::{Limits, Parsed, parse_bytes};
use hybrid_designer::import::mapping::{ServerVersion, dn_equal, server_version, slug, utc_date};
use hybrid_designer::import::{Imported, Options, import_parsed};
use hybrid_designer::model::{Build, Date, LinkKind, NodeKind, Role, TlsAuth, Update, Version};

const OPEN: &str =
    r#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#;

fn file(name: &str, body: &str) -> (String, Parsed) {
    let text = format!("{OPEN}{body}</Objs>");
    let parsed = parse_bytes(text.as_bytes(), &Limits::default()).expect("well-formed test file");
    (name.to_owned(), parsed)
}

fn import(files: &[(String, Parsed)]) -> Imported {
    let date = Date::new(2026, 12, 5).expect("a day");
    import_parsed(files, &Options::on(date)).expect("something importable")
}

fn server(name: &str, version: &str, roles: &str) -> String {
    format!(
        r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T></TN><Props>
        <S N="Name">{name}</S><S N="Fqdn">{name}.contoso.local</S>
        <Obj N="AdminDisplayVersion" RefId="1"><TN RefId="1"><T>Microsoft.Exchange.Data.ServerVersion</T></TN><ToString>{version}</ToString></Obj>
        <Obj N="ServerRole" RefId="2"><TN RefId="2"><T>ServerRole</T><T>System.Enum</T></TN><ToString>{roles}</ToString><I32>2</I32></Obj>
        <B N="IsEdgeServer">false</B><B N="IsUnifiedMessagingServer">true</B>
        <Obj N="Site" RefId="3"><TN RefId="3"><T>ADObjectId</T></TN><ToString>contoso.local/Configuration/Sites/HQ</ToString></Obj></Props></Obj>"#
    )
}

fn send_connector(name: &str, sources: &[&str], cloud: bool, smart_host: &str) -> String {
    let src = sources
        .iter()
        .fold(String::new(), |acc, s| acc + "<S>" + s + "</S>");
    format!(
        r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T></TN><Props>
        <S N="Name">{name}</S><Obj N="SmartHosts" RefId="1"><TN RefId="1"><T>MVP</T></TN><LST><S>{smart_host}</S></LST></Obj>
        <Obj N="SourceTransportServers" RefId="2"><TNRef RefId="1" /><LST>{src}</LST></Obj>
        <B N="CloudServicesMailEnabled">{cloud}</B><B N="RequireTLS">true</B><Nil N="TlsAuthLevel" /><B N="Enabled">true</B></Props></Obj>"#
    )
}

#[test]
fn the_build_table_rows_of_the_spec() {
    let known = |ma, mi, b| match server_version(ma, mi, b, "S") {
        ServerVersion::Known {
            version,
            build,
            update,
            ..
        } => (version, build, update),
        ServerVersion::NotModeled(w) => panic!("{w}"),
    };
    assert_eq!(
        known(15, 2, 986),
        (
            Version::V2019,
            Some(Build::Cu { cu: 11 }),
            Some(Update::Older)
        )
    );
    assert_eq!(
        known(15, 1, 2375),
        (
            Version::V2016,
            Some(Build::Cu { cu: 22 }),
            Some(Update::Previous)
        )
    );
    assert_eq!(
        known(15, 0, 1497),
        (
            Version::V2013,
            Some(Build::Cu { cu: 23 }),
            Some(Update::Latest)
        )
    );
    assert_eq!(
        known(15, 0, 847),
        (
            Version::V2013,
            Some(Build::Cu { cu: 4 }),
            Some(Update::Older)
        ),
        "2013 SP1 is CU4"
    );
    assert_eq!(
        known(15, 2, 2562),
        (Version::Se, Some(Build::Cu { cu: 0 }), Some(Update::Latest))
    );
    assert_eq!(
        known(14, 2, 1),
        (
            Version::V2010,
            Some(Build::SpRu { sp: 2, ru: 0 }),
            Some(Update::Older)
        )
    );
    assert_eq!(known(14, 3, 123), (Version::V2010, None, None));
    assert_eq!(
        known(15, 2, 9999),
        (Version::Se, None, None),
        "an unknown SE build is treated as current"
    );
    assert_eq!(known(15, 2, 1000), (Version::V2019, None, None));
    assert!(matches!(
        server_version(8, 3, 83, "OLD"),
        ServerVersion::NotModeled(_)
    ));
}

#[test]
fn a_2016_server_gets_only_the_roles_its_version_allows() {
    let out = import(&[file(
        "a.xml",
        &server(
            "EX01",
            "Version 15.1 (Build 2507.18)",
            "Mailbox, ClientAccess",
        ),
    )]);
    let n = &out.doc.nodes[0];
    assert_eq!(n.kind, NodeKind::ExchangeServer);
    assert_eq!(n.id.as_str(), "srv-ex01");
    assert_eq!(n.version, Some(Version::V2016));
    assert_eq!(
        n.roles(),
        [Role::Mailbox],
        "UM flag and ClientAccess are dropped on 2016"
    );
    assert_eq!(n.site.as_deref(), Some("HQ"));
    assert!(n.position.is_none(), "the designer lays the plan out");
    assert!(
        n.notes.as_deref().is_some_and(
            |t| t.starts_with("imported from Get-ExchangeServer (a.xml) on 2026-12-05")
        )
    );
}

#[test]
fn an_inventory_without_hybrid_objects_is_a_draft_of_servers() {
    let out = import(&[file(
        "a.xml",
        &server("EX01", "Version 15.2 (Build 1544.4)", "Mailbox"),
    )]);
    assert_eq!(out.doc.hybrid.mode, hybrid_designer::model::Mode::Draft);
    assert!(
        out.summary
            .lines_of("note")
            .iter()
            .any(|l| l.starts_with("no hybrid objects found"))
    );
}

#[test]
fn a_send_connector_to_exchange_online_links_each_source_and_creates_unknown_servers() {
    let out = import(&[
        file(
            "s.xml",
            &server("EX01", "Version 15.1 (Build 2375.7)", "Mailbox"),
        ),
        file(
            "c.xml",
            &send_connector(
                "To O365",
                &["EX01", "EX09"],
                true,
                "contoso-com.mail.protection.outlook.com",
            ),
        ),
    ]);
    let doc = &out.doc;
    let ex09 = doc
        .nodes
        .iter()
        .find(|n| n.name == "EX09")
        .expect("created by reference");
    assert_eq!(
        ex09.version,
        Some(Version::V2016),
        "the newest inventoried version"
    );
    assert!(
        ex09.notes
            .as_deref()
            .is_some_and(|t| t.contains("not inventoried"))
    );
    let sends: Vec<_> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::SendConnector)
        .collect();
    assert_eq!(sends.len(), 2);
    assert!(
        sends
            .iter()
            .all(|l| l.to.as_str() == "exo" && l.label.as_deref() == Some("To O365"))
    );
    assert_eq!(
        sends[0].tls_auth,
        Some(TlsAuth::EncryptionOnly),
        "TLS required without a level"
    );
    assert_eq!(
        out.summary.lines_of("referenced but not inventoried"),
        ["EX09"]
    );
    assert!(
        doc.nodes
            .iter()
            .any(|n| n.kind == NodeKind::ExchangeOnline && n.tenant.as_deref() == Some(""))
    );
}

#[test]
fn an_internet_send_connector_is_skipped_with_a_line() {
    let out = import(&[
        file(
            "s.xml",
            &server("EX01", "Version 15.1 (Build 2375.7)", "Mailbox"),
        ),
        file(
            "c.xml",
            &send_connector("Internet", &["EX01"], false, "smtp.isp.example"),
        ),
    ]);
    assert!(out.doc.links.is_empty());
    assert!(
        out.summary
            .lines_of("skipped")
            .contains(&"Send connector \"Internet\": not to Exchange Online")
    );
}

#[test]
fn duplicates_are_merged_and_counted() {
    let s = server("EX01", "Version 15.1 (Build 2375.7)", "Mailbox");
    let out = import(&[file("a.xml", &s), file("b.xml", &s)]);
    assert_eq!(out.doc.nodes.len(), 1);
    assert!(
        out.summary
            .lines
            .iter()
            .any(|l| l.contains("ExchangeServer 2 (1 distinct)"))
    );
    assert!(
        out.summary.lines_of("conflict").is_empty(),
        "exact duplicates are silent"
    );
}

#[test]
fn a_shape_a_certificate_named_by_the_connector_wins_over_the_default_one() {
    let cert = |thumb: &str, subject: &str, issuer: &str, self_signed: bool, services: &str| {
        format!(
            r#"<Obj RefId="0"><TN RefId="0"><T>Selected.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T></TN><MS>
            <S N="Server">EX01</S><S N="Thumbprint">{thumb}</S><S N="Subject">{subject}</S><S N="Issuer">{issuer}</S>
            <DT N="NotAfter">2027-03-01T23:30:00-05:00</DT><B N="IsSelfSigned">{self_signed}</B><S N="RootCAType">ThirdParty</S>
            <S N="Status">Valid</S><S N="Services">{services}</S><Obj N="CertificateDomains" RefId="1"><TN RefId="1"><T>Object[]</T></TN><LST><S>mail.contoso.com</S></LST></Obj></MS></Obj>"#
        )
    };
    let connector = send_connector("To O365", &["EX01"], true, "x.mail.protection.outlook.com").replace(
        "<Nil N=\"TlsAuthLevel\" />",
        "<Nil N=\"TlsAuthLevel\" /><Obj N=\"TlsCertificateName\" RefId=\"9\"><TN RefId=\"9\"><T>SmtpX509Identifier</T></TN><ToString>&lt;I&gt;C=US, O=Fabrikam, CN=Fabrikam CA&lt;S&gt;CN=mail.contoso.com</ToString></Obj>",
    );
    let out = import(&[
        file(
            "s.xml",
            &server("EX01", "Version 15.1 (Build 2375.7)", "Mailbox"),
        ),
        file("c.xml", &connector),
        file(
            "d.xml",
            &cert("AA", "CN=EX01", "CN=EX01", true, "IIS, SMTP"),
        ),
        file(
            "e.xml",
            &cert(
                "BB",
                "CN=mail.contoso.com",
                "CN=Fabrikam CA, O=Fabrikam, C=US",
                false,
                "IIS",
            ),
        ),
        file(
            "f.xml",
            &cert(
                "CC",
                "CN=Microsoft Exchange Server Auth Certificate",
                "CN=Microsoft Exchange Server Auth Certificate",
                true,
                "SMTP",
            ),
        ),
    ]);
    let c = out.doc.nodes[0]
        .certificate
        .as_ref()
        .expect("a certificate");
    assert_eq!(c.subject, "mail.contoso.com");
    assert_eq!(c.not_after.as_deref(), Some("2027-03-02"), "the UTC date");
    assert_eq!(c.public_ca, Some(true));
    assert_eq!(c.names(), ["mail.contoso.com"]);
}

#[test]
fn names_dates_and_distinguished_names() {
    assert_eq!(slug("WIN-CTD3L0RGEN4"), "win-ctd3l0rgen4");
    assert_eq!(slug("mail.contoso.com"), "mail-contoso-com");
    assert!(dn_equal(
        "CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US",
        "c=us,o=\"DigiCert Inc\",ou=www.digicert.com,cn=geotrust tls rsa ca g1"
    ));
    assert!(dn_equal("S=WA, CN=a", "ST=WA, CN=a"));
    assert!(!dn_equal("CN=a", "CN=a, O=b"));
    assert_eq!(
        utc_date("2021-09-28T20:32:01-07:00")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-09-29")
    );
    assert_eq!(
        utc_date("2022-04-08T01:02:04.1234567+02:00")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2022-04-07")
    );
    assert_eq!(
        utc_date("2021-09-28T17:32:01Z")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-09-28")
    );
}

#[test]
fn objects_are_recognized_by_content_not_by_file_name() {
    let s = server("EX01", "Version 15.1 (Build 2375.7)", "Mailbox");
    let out = import(&[file("Get-SendConnector.xml", &s)]);
    assert_eq!(out.doc.nodes[0].kind, NodeKind::ExchangeServer);
}

fn accepted_domain(name: &str, ty: &str) -> String {
    format!(
        r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomain</T></TN><Props>
        <S N="Name">{name}</S><Obj N="DomainName" RefId="1"><TN RefId="1"><T>Microsoft.Exchange.Data.SmtpDomainWithSubdomains</T></TN><ToString>{name}</ToString><Props><S N="Address">{name}</S></Props></Obj>
        <Obj N="DomainType" RefId="2"><TN RefId="2"><T>AcceptedDomainType</T><T>System.Enum</T></TN><ToString>{ty}</ToString><I32>0</I32></Obj></Props></Obj>"#
    )
}

#[test]
fn copies_of_a_domain_differing_only_in_case_merge_without_a_conflict() {
    let out = import(&[file(
        "domains.xml",
        &(accepted_domain("contoso.com", "Authoritative")
            + &accepted_domain("Contoso.COM", "Authoritative")),
    )]);
    assert!(
        out.summary.lines_of("conflict").is_empty(),
        "{:?}",
        out.summary.lines
    );
    assert!(
        out.summary
            .lines
            .iter()
            .any(|l| l.contains("AcceptedDomain 2 (1 distinct)")),
        "{:?}",
        out.summary.lines
    );
}

#[test]
fn a_conflict_inside_one_file_names_it_once() {
    let out = import(&[file(
        "domains.xml",
        &(accepted_domain("contoso.com", "Authoritative")
            + &accepted_domain("contoso.com", "InternalRelay")),
    )]);
    assert_eq!(
        out.summary.lines_of("conflict"),
        [
            "AcceptedDomain contoso.com appears twice in domains.xml with different values; the first is used"
        ]
    );
}
