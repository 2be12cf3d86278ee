//! Every cmdlet the preview writes, with its reference page and the parameters it uses. A
//! test checks that every parameter of every generated line is listed here, so a new
//! parameter is looked up in the reference before it is written.

/// The reference pages of the Exchange PowerShell cmdlets.
const BASE: &str = "https://learn.microsoft.com/powershell/module/exchangepowershell/";

/// A cmdlet, the page (under [`BASE`], lower case) and the parameters the preview uses.
pub const PARAMS: &[(&str, &[&str])] = &[
    ("New-HybridConfiguration", &[]),
    (
        "Set-HybridConfiguration",
        &[
            "ClientAccessServers",
            "ExternalIPAddresses",
            "Domains",
            "Features",
            "OnPremisesSmartHost",
            "SendingTransportServers",
            "ReceivingTransportServers",
            "EdgeTransportServers",
            "TlsCertificateName",
            "ServiceInstance",
        ],
    ),
    ("New-AcceptedDomain", &["Name", "DomainName"]),
    (
        "Set-EmailAddressPolicy",
        &["Identity", "ForceUpgrade", "EnabledEmailAddressTemplates"],
    ),
    (
        "Update-EmailAddressPolicy",
        &["Identity", "UpdateSecondaryAddressesOnly"],
    ),
    ("New-RemoteDomain", &["Name", "DomainName"]),
    (
        "Set-RemoteDomain",
        &[
            "Identity",
            "TargetDeliveryDomain",
            "TrustedMailInboundEnabled",
        ],
    ),
    (
        "New-ExchangeCertificate",
        &[
            "FriendlyName",
            "DomainName",
            "Services",
            "KeySize",
            "PrivateKeyExportable",
            "SubjectKeyIdentifier",
        ],
    ),
    ("New-FederationTrust", &["Name"]),
    ("Get-FederatedDomainProof", &["DomainName"]),
    (
        "Set-FederatedOrganizationIdentifier",
        &["DelegationFederationTrust", "AccountNamespace", "Enabled"],
    ),
    ("Add-FederatedDomain", &["DomainName"]),
    (
        "New-OrganizationRelationship",
        &[
            "Name",
            "DomainNames",
            "Enabled",
            "TargetApplicationUri",
            "TargetAutodiscoverEpr",
        ],
    ),
    (
        "Set-OrganizationRelationship",
        &[
            "Identity",
            "FreeBusyAccessEnabled",
            "FreeBusyAccessLevel",
            "MailTipsAccessEnabled",
            "MailTipsAccessLevel",
            "DeliveryReportEnabled",
            "ArchiveAccessEnabled",
            "PhotosEnabled",
            "MailboxMoveEnabled",
            "TargetOwaURL",
            "TargetSharingEpr",
        ],
    ),
    (
        "Add-AvailabilityAddressSpace",
        &[
            "ForestName",
            "AccessMethod",
            "UseServiceAccount",
            "ProxyUrl",
        ],
    ),
    (
        "New-SendConnector",
        &[
            "Name",
            "AddressSpaces",
            "CloudServicesMailEnabled",
            "RequireTLS",
            "TlsAuthLevel",
            "TlsDomain",
            "TlsCertificateName",
            "SourceTransportServers",
            "DNSRoutingEnabled",
            "Fqdn",
        ],
    ),
    (
        "Set-ReceiveConnector",
        &[
            "Identity",
            "TlsDomainCapabilities",
            "TlsCertificateName",
            "Fqdn",
        ],
    ),
    (
        "New-InboundConnector",
        &[
            "Name",
            "ConnectorType",
            "ConnectorSource",
            "CloudServicesMailEnabled",
            "RequireTls",
            "TlsSenderCertificateName",
            "SenderDomains",
        ],
    ),
    (
        "New-OutboundConnector",
        &[
            "Name",
            "ConnectorType",
            "ConnectorSource",
            "RecipientDomains",
            "SmartHosts",
            "UseMXRecord",
            "TlsSettings",
            "TlsDomain",
            "CloudServicesMailEnabled",
            "RouteAllMessagesViaOnPremises",
        ],
    ),
    (
        "New-OnPremisesOrganization",
        &[
            "Name",
            "OrganizationGuid",
            "OrganizationName",
            "HybridDomains",
            "InboundConnector",
            "OutboundConnector",
            "OrganizationRelationship",
        ],
    ),
    (
        "New-AuthServer",
        &["Name", "Type", "AuthMetadataUrl", "DomainName"],
    ),
    (
        "Set-AuthServer",
        &[
            "Identity",
            "ApplicationIdentifier",
            "DomainName",
            "IsDefaultAuthorizationEndpoint",
        ],
    ),
    ("Set-PartnerApplication", &["Enabled"]),
    (
        "New-IntraOrganizationConnector",
        &[
            "Name",
            "DiscoveryEndpoint",
            "TargetAddressDomains",
            "Enabled",
        ],
    ),
    (
        "Set-WebServicesVirtualDirectory",
        &["Identity", "MRSProxyEnabled"],
    ),
    (
        "Test-MigrationServerAvailability",
        &["ExchangeRemoteMove", "RemoteServer", "Credentials"],
    ),
    (
        "New-MigrationEndpoint",
        &["Name", "ExchangeRemoteMove", "RemoteServer", "Credentials"],
    ),
    (
        "New-SettingOverride",
        &["Name", "Component", "Section", "Parameters", "Reason"],
    ),
    (
        "Get-ExchangeDiagnosticInfo",
        &["Process", "Component", "Argument"],
    ),
    (
        "Set-OrganizationConfig",
        &[
            "OAuth2ClientProfileEnabled",
            "PublicFoldersEnabled",
            "RemotePublicFolderMailboxes",
        ],
    ),
];

/// The reference page of a cmdlet of [`PARAMS`].
#[must_use]
pub fn reference_url(cmdlet: &str) -> Option<String> {
    PARAMS
        .iter()
        .any(|(c, _)| *c == cmdlet)
        .then(|| format!("{BASE}{}", cmdlet.to_ascii_lowercase()))
}

/// Whether the table lists this parameter of this cmdlet.
#[must_use]
pub fn is_listed(cmdlet: &str, param: &str) -> bool {
    PARAMS
        .iter()
        .any(|(c, ps)| *c == cmdlet && ps.contains(&param))
}
