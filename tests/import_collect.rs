//! The collection script `assets/collect/Collect-HybridInventory.ps1` (spec `import.md` §2):
//! it parses as PowerShell, and every command it runs is on a read-only allow-list.

use tree_sitter::{Node, Parser};

const SCRIPT: &str = include_str!("../assets/collect/Collect-HybridInventory.ps1");

/// Commands that read, or only write the inventory files themselves.
const ALLOWED: [&str; 13] = [
    // The script's own function around each Get-* cmdlet.
    "Save-Inventory",
    "Export-Clixml",
    "Out-Null",
    "New-Item",
    "New-Object",
    "Resolve-Path",
    "Join-Path",
    "Write-Host",
    "Where-Object",
    "ForEach-Object",
    "Select-Object",
    "Test-Path",
    "Get-Date",
];

fn parse() -> tree_sitter::Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("the PowerShell grammar loads");
    parser.parse(SCRIPT, None).expect("a tree")
}

fn walk<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    out.push(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, out);
    }
}

#[test]
fn the_script_parses_without_error_or_missing_nodes() {
    let tree = parse();
    let mut nodes = Vec::new();
    walk(tree.root_node(), &mut nodes);
    let bad: Vec<String> = nodes
        .iter()
        .filter(|n| n.is_error() || n.is_missing())
        .map(|n| format!("{} at {:?}", n.kind(), n.start_position()))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn every_command_the_script_runs_is_read_only() {
    let tree = parse();
    let mut nodes = Vec::new();
    walk(tree.root_node(), &mut nodes);
    let names: Vec<&str> = nodes
        .iter()
        .filter(|n| n.kind() == "command_name")
        .filter_map(|n| n.utf8_text(SCRIPT.as_bytes()).ok())
        .collect();
    assert!(names.len() > 20, "commands found: {names:?}");
    for name in names {
        let read_only = name.starts_with("Get-") || ALLOWED.contains(&name);
        assert!(read_only, "{name} is not on the read-only allow-list");
    }
}

#[test]
fn the_script_collects_every_cmdlet_of_the_spec() {
    for cmdlet in [
        "Get-OrganizationConfig",
        "Get-ExchangeServer",
        "Get-AcceptedDomain",
        "Get-HybridConfiguration",
        "Get-SendConnector",
        "Get-ReceiveConnector",
        "Get-ExchangeCertificate",
        "Get-WebServicesVirtualDirectory",
        "Get-OrganizationRelationship",
        "Get-FederationTrust",
        "Get-IntraOrganizationConnector",
        "Get-AuthServer",
        "Get-SettingOverride",
        "Get-EdgeSubscription",
        "Get-InboundConnector",
        "Get-OutboundConnector",
        "Get-OnPremisesOrganization",
        "Get-MigrationEndpoint",
    ] {
        assert!(
            SCRIPT.contains(&format!("Save-Inventory \"{cmdlet}\"")),
            "{cmdlet} is collected"
        );
    }
    assert!(
        SCRIPT.contains("HybridInventory.$source.$Noun"),
        "every object is marked"
    );
}
