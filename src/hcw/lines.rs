//! Cmdlet lines with PowerShell quoting, built from typed values so that every string is
//! quoted the same way and every parameter name can be checked against [`super::params`].

use std::fmt::Write as _;

/// The named placeholders of the script: values the plan cannot know, written `{Name}` in
/// strings and printed as the PowerShell variable `$Name`, defined at the top of the script.
pub const PLACEHOLDERS: [(&str, &str); 10] = [
    (
        "Tenant",
        "the tenant name (<tenant>.onmicrosoft.com): the plan's Exchange Online node has none",
    ),
    (
        "OrgFqdn",
        "the Organization FQDN Exchange Online sends mail to: the plan names none",
    ),
    (
        "TlsCertificateName",
        "the certificate as <I>issuer<S>subject, from Get-ExchangeCertificate: the plan models none",
    ),
    (
        "EwsHost",
        "the public host name of the EWS virtual directory: the plan names none",
    ),
    (
        "OrgGuid",
        "the on-premises organization GUID: (Get-OrganizationConfig).Guid",
    ),
    (
        "Guid2",
        "the GUID suffix the wizard gives on-premises objects (origin not documented)",
    ),
    ("OrgName", "the on-premises organization name"),
    ("TenantId", "the tenant id (Entra ID directory id)"),
    (
        "AppId",
        "the application id of ExchangeServerApp-<OrgGuid> in Entra ID",
    ),
    (
        "AgentAppId",
        "the Hybrid Agent endpoint GUID (Get-HybridAgent after its registration)",
    ),
];

/// A parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// A switch parameter: no value.
    Switch,
    /// `$true` or `$false`.
    Bool(bool),
    /// `$null`.
    Null,
    /// A double-quoted string; `{Name}` of a [`PLACEHOLDERS`] entry becomes `$Name`.
    Str(String),
    /// A list of double-quoted strings, every item quoted.
    List(Vec<String>),
    /// PowerShell written as is (`(Get-Credential)`, `1`, `LimitedDetails`).
    Raw(String),
}

/// One cmdlet call: `Verb-Noun -Name value ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    /// The cmdlet.
    pub cmdlet: &'static str,
    /// The parameters in order.
    pub params: Vec<(&'static str, Val)>,
}

impl Cmd {
    /// A call of `cmdlet` without parameters.
    #[must_use]
    pub fn new(cmdlet: &'static str) -> Self {
        Self {
            cmdlet,
            params: Vec::new(),
        }
    }

    /// Adds a parameter.
    #[must_use]
    pub fn p(mut self, name: &'static str, value: Val) -> Self {
        self.params.push((name, value));
        self
    }

    /// Adds a string parameter.
    #[must_use]
    pub fn s(self, name: &'static str, value: impl Into<String>) -> Self {
        self.p(name, Val::Str(value.into()))
    }

    /// Adds a boolean parameter.
    #[must_use]
    pub fn b(self, name: &'static str, value: bool) -> Self {
        self.p(name, Val::Bool(value))
    }

    /// Adds a raw parameter (an enum value, a number, a sub-expression).
    #[must_use]
    pub fn r(self, name: &'static str, value: impl Into<String>) -> Self {
        self.p(name, Val::Raw(value.into()))
    }

    /// Adds a list parameter.
    #[must_use]
    pub fn l(self, name: &'static str, items: Vec<String>) -> Self {
        self.p(name, Val::List(items))
    }

    /// The line as PowerShell, on one line.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = self.cmdlet.to_owned();
        for (name, value) in &self.params {
            let _ = write!(out, " -{name}");
            match value {
                Val::Switch => {}
                Val::Bool(b) => out.push_str(if *b { " $true" } else { " $false" }),
                Val::Null => out.push_str(" $null"),
                Val::Str(s) => {
                    out.push(' ');
                    out.push_str(&quote(s));
                }
                Val::List(items) => {
                    out.push(' ');
                    if items.is_empty() {
                        out.push_str("$null");
                    }
                    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
                    out.push_str(&quoted.join(","));
                }
                Val::Raw(r) => {
                    out.push(' ');
                    out.push_str(r);
                }
            }
        }
        out
    }
}

/// A double-quoted PowerShell string. Backtick, `"`, `$` and `#` are escaped with a
/// backtick (`#` because the test grammar misreads it inside strings); then each `{Name}`
/// of a known placeholder becomes `$Name`, which PowerShell expands.
#[must_use]
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            // Typographic quotes end a PowerShell string too.
            '`' | '"' | '$' | '#' | '\u{201C}' | '\u{201D}' | '\u{201E}' => {
                out.push('`');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    for (name, _) in PLACEHOLDERS {
        let token = format!("{{{name}}}");
        if out.contains(&token) {
            out = out.replace(&token, &format!("${{{name}}}"));
        }
    }
    out
}

/// A `{Name}` placeholder token to put inside a string value.
#[must_use]
pub fn ph(name: &str) -> String {
    format!("{{{name}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_powershell_reads_inside_double_quotes() {
        assert_eq!(quote(r#"a "b" $c `d #e"#), r#""a `"b`" `$c ``d `#e""#);
    }

    #[test]
    fn placeholders_become_variables() {
        assert_eq!(
            quote("Inbound from {OrgGuid}"),
            "\"Inbound from ${OrgGuid}\""
        );
        assert_eq!(quote("{Unknown}"), "\"{Unknown}\"");
    }

    #[test]
    fn every_list_item_is_quoted() {
        let line = Cmd::new("Set-HybridConfiguration")
            .l("Features", vec!["FreeBusy".into(), "MailTips".into()])
            .b("Enabled", true)
            .p("EdgeTransportServers", Val::Null)
            .render();
        assert_eq!(
            line,
            "Set-HybridConfiguration -Features \"FreeBusy\",\"MailTips\" -Enabled $true -EdgeTransportServers $null"
        );
    }
}
