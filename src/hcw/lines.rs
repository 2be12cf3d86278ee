//! Cmdlet lines with PowerShell quoting, built from typed values so that every string is
//! quoted the same way and every parameter name can be checked against [`super::params`].

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
        // Written into one buffer: a plan with a thousand servers has lists that long, and
        // the preview renders every line on each edit.
        let mut out = String::with_capacity(self.cmdlet.len() + 32 * self.params.len());
        out.push_str(self.cmdlet);
        for (name, value) in &self.params {
            out.push_str(" -");
            out.push_str(name);
            match value {
                Val::Switch => {}
                Val::Bool(b) => out.push_str(if *b { " $true" } else { " $false" }),
                Val::Null => out.push_str(" $null"),
                Val::Str(s) => {
                    out.push(' ');
                    quote_into(&mut out, s);
                }
                Val::List(items) => {
                    out.push(' ');
                    if items.is_empty() {
                        out.push_str("$null");
                    }
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        quote_into(&mut out, item);
                    }
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
/// backtick (`#` because the test grammar misreads it inside strings); each `{Name}` of a
/// known placeholder becomes `${Name}`, which PowerShell expands.
#[must_use]
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    quote_into(&mut out, text);
    out
}

/// [`quote`], appended to `out`, in one pass over `text` that copies the runs between the
/// characters to escape as they are.
fn quote_into(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut copied = 0;
    let special = |c: char| {
        matches!(
            c,
            '{' | '`' | '"' | '$' | '#' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\n' | '\r'
        )
    };
    for (at, found) in text.match_indices(special) {
        if at < copied {
            // Inside a placeholder already written.
            continue;
        }
        out.push_str(&text[copied..at]);
        copied = at + found.len();
        match found {
            "{" => {
                if let Some(name) = placeholder_at(&text[copied..]) {
                    out.push_str("${");
                    out.push_str(name);
                    out.push('}');
                    copied += name.len() + 1;
                } else {
                    out.push('{');
                }
            }
            "\n" | "\r" => out.push(' '),
            // Typographic quotes end a PowerShell string too.
            _ => {
                out.push('`');
                out.push_str(found);
            }
        }
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// The known placeholder whose name, followed by `}`, starts `text`.
fn placeholder_at(text: &str) -> Option<&'static str> {
    PLACEHOLDERS.iter().map(|&(name, _)| name).find(|name| {
        text.strip_prefix(name)
            .is_some_and(|after| after.starts_with('}'))
    })
}

/// The known placeholders a rendered line uses as `${Name}`, as indexes into
/// [`PLACEHOLDERS`].
pub fn placeholders_used(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices("${").filter_map(move |(at, _)| {
        let after = &line[at + 2..];
        PLACEHOLDERS.iter().position(|&(name, _)| {
            after
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('}'))
        })
    })
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
    fn placeholders_next_to_each_other_and_escapes_both_come_out() {
        assert_eq!(
            quote("{OrgGuid}{Guid2} $x {Tenant {Tenant}}"),
            r#""${OrgGuid}${Guid2} `$x {Tenant ${Tenant}}""#
        );
        assert_eq!(quote("Zürich {AppId}"), "\"Zürich ${AppId}\"");
        assert_eq!(quote("a\u{201C}b\u{201D}\nc"), "\"a`\u{201C}b`\u{201D} c\"");
    }

    #[test]
    fn the_placeholders_a_line_uses_are_found_by_name() {
        let used: Vec<&str> =
            placeholders_used(r#"-Name "${OrgGuid}" -X "${Guid2}x" -Y "${Unknown}" -Z `$"#)
                .map(|i| PLACEHOLDERS[i].0)
                .collect();
        assert_eq!(used, ["OrgGuid", "Guid2"]);
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
