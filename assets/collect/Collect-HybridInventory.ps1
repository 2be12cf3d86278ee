<#
.SYNOPSIS
    Read-only inventory of an Exchange organization for "hybrid-designer import".
.DESCRIPTION
    Runs Get-* cmdlets only and writes one Export-Clixml file per cmdlet plus a manifest into
    -OutputFolder. Run it in the Exchange Management Shell (on-premises part; also on each Edge
    Transport server), and optionally again with -ExchangeOnline in a separate PowerShell session
    connected with Connect-ExchangeOnline. It changes nothing.
.EXAMPLE
    .\Collect-HybridInventory.ps1 -OutputFolder C:\Temp\Inventory
.EXAMPLE
    Connect-ExchangeOnline
    .\Collect-HybridInventory.ps1 -OutputFolder C:\Temp\Inventory -ExchangeOnline
#>
[CmdletBinding()]
param(
    [string]$OutputFolder = ".\HybridInventory",
    [switch]$ExchangeOnline
)

$scriptVersion = "1"
if ($ExchangeOnline) { $source = "ExchangeOnline"; $filePrefix = "EXO-"; $probe = "Get-OutboundConnector" }
else { $source = "OnPremises"; $filePrefix = ""; $probe = "Get-ExchangeServer" }
if (-not (Get-Command -Name $probe -ErrorAction SilentlyContinue)) {
    throw "$probe is not available in this session. Run the on-premises part in the Exchange Management Shell, the -ExchangeOnline part after Connect-ExchangeOnline."
}
if (-not (Test-Path -Path $OutputFolder)) { New-Item -ItemType Directory -Path $OutputFolder | Out-Null }
$OutputFolder = (Resolve-Path -Path $OutputFolder).ProviderPath
$script:results = @()
$script:partialErrors = @()

function Save-Inventory {
    param([string]$Cmdlet, [string]$Noun, [scriptblock]$Command)
    $file = $filePrefix + $Cmdlet + ".xml"
    $entry = New-Object PSObject -Property @{ Cmdlet = $Cmdlet; File = $file; Status = "ok"; Count = 0; Message = "" }
    $script:partialErrors = @()
    $items = @()
    if (-not (Get-Command -Name $Cmdlet -ErrorAction SilentlyContinue)) {
        $entry.Status = "missing"; $entry.Message = "cmdlet not available in this session"
    } else {
        try { $items = @(& $Command) }
        catch { $script:partialErrors += $_.Exception.Message }
        $entry.Count = $items.Count
        if ($script:partialErrors.Count -gt 0) {
            if ($items.Count -gt 0) { $entry.Status = "partial" } else { $entry.Status = "failed" }
            $entry.Message = ($script:partialErrors -join " | ") -replace "\s+", " "
        } elseif ($items.Count -eq 0) {
            $entry.Status = "empty"
        }
        if ($items.Count -gt 0) {
            foreach ($item in $items) { $item.PSObject.TypeNames.Insert(0, "HybridInventory.$source.$Noun") }
            $items | Export-Clixml -Path (Join-Path $OutputFolder $file) -Depth 3 -Encoding UTF8
        }
    }
    $script:results += $entry
    Write-Host ("{0,-36} {1,-8} {2}" -f $Cmdlet, $entry.Status, $entry.Count)
}

if ($ExchangeOnline) {
    Save-Inventory "Get-AcceptedDomain" "AcceptedDomain" { Get-AcceptedDomain -ErrorAction Stop }
    Save-Inventory "Get-InboundConnector" "InboundConnector" { Get-InboundConnector -ErrorAction Stop }
    Save-Inventory "Get-OutboundConnector" "OutboundConnector" { Get-OutboundConnector -ErrorAction Stop }
    Save-Inventory "Get-OnPremisesOrganization" "OnPremisesOrganization" { Get-OnPremisesOrganization -ErrorAction Stop }
    Save-Inventory "Get-OrganizationRelationship" "OrganizationRelationship" { Get-OrganizationRelationship -ErrorAction Stop }
    Save-Inventory "Get-IntraOrganizationConnector" "IntraOrganizationConnector" { Get-IntraOrganizationConnector -ErrorAction Stop }
    Save-Inventory "Get-MigrationEndpoint" "MigrationEndpoint" { Get-MigrationEndpoint -ErrorAction Stop }
} else {
    $servers = @(Get-ExchangeServer -ErrorAction SilentlyContinue | Where-Object {
        ([string]$_.AdminDisplayVersion -match '^Version (1[4-9]|[2-9][0-9])\.') -and
        ((-not $_.IsEdgeServer) -or ($_.Name -eq $env:COMPUTERNAME))
    })
    $transportServers = @($servers | Where-Object { $_.IsHubTransportServer -or $_.IsFrontendTransportServer -or $_.IsEdgeServer })

    Save-Inventory "Get-OrganizationConfig" "OrganizationConfig" { Get-OrganizationConfig -ErrorAction Stop }
    Save-Inventory "Get-ExchangeServer" "ExchangeServer" { Get-ExchangeServer -ErrorAction Stop }
    Save-Inventory "Get-AcceptedDomain" "AcceptedDomain" { Get-AcceptedDomain -ErrorAction Stop }
    Save-Inventory "Get-HybridConfiguration" "HybridConfiguration" { Get-HybridConfiguration -ErrorAction Stop }
    Save-Inventory "Get-SendConnector" "SendConnector" { Get-SendConnector -ErrorAction Stop }
    Save-Inventory "Get-ReceiveConnector" "ReceiveConnector" {
        foreach ($s in $transportServers) {
            try { Get-ReceiveConnector -Server $s.Name -ErrorAction Stop }
            catch { $script:partialErrors += ("{0}: {1}" -f $s.Name, $_.Exception.Message) }
        }
    }
    Save-Inventory "Get-ExchangeCertificate" "ExchangeCertificate" {
        foreach ($s in $servers) {
            try {
                # The properties a plain export loses (spec 2.2), selected into a plain object.
                $certProperties = @(
                    @{ Name = "Server"; Expression = { $s.Name } },
                    "Thumbprint", "Subject", "Issuer", "NotBefore", "NotAfter", "IsSelfSigned", "FriendlyName",
                    @{ Name = "RootCAType"; Expression = { [string]$_.RootCAType } },
                    @{ Name = "Status"; Expression = { [string]$_.Status } },
                    @{ Name = "Services"; Expression = { [string]$_.Services } },
                    @{ Name = "CertificateDomains"; Expression = { @($_.CertificateDomains | ForEach-Object { [string]$_ }) } }
                )
                Get-ExchangeCertificate -Server $s.Name -ErrorAction Stop | Select-Object -Property $certProperties
            }
            catch { $script:partialErrors += ("{0}: {1}" -f $s.Name, $_.Exception.Message) }
        }
    }
    Save-Inventory "Get-WebServicesVirtualDirectory" "WebServicesVirtualDirectory" { Get-WebServicesVirtualDirectory -ADPropertiesOnly -ErrorAction Stop }
    Save-Inventory "Get-OrganizationRelationship" "OrganizationRelationship" { Get-OrganizationRelationship -ErrorAction Stop }
    Save-Inventory "Get-FederationTrust" "FederationTrust" { Get-FederationTrust -ErrorAction Stop }
    Save-Inventory "Get-IntraOrganizationConnector" "IntraOrganizationConnector" { Get-IntraOrganizationConnector -ErrorAction Stop }
    Save-Inventory "Get-AuthServer" "AuthServer" { Get-AuthServer -ErrorAction Stop }
    Save-Inventory "Get-SettingOverride" "SettingOverride" { Get-SettingOverride -ErrorAction Stop }
    Save-Inventory "Get-EdgeSubscription" "EdgeSubscription" { Get-EdgeSubscription -ErrorAction Stop }
}

$manifest = New-Object PSObject -Property @{
    Source            = $source
    ScriptVersion     = $scriptVersion
    CollectedAt       = (Get-Date).ToUniversalTime()
    ComputerName      = $env:COMPUTERNAME
    PowerShellVersion = $PSVersionTable.PSVersion.ToString()
    Commands          = $script:results
}
$manifest.PSObject.TypeNames.Insert(0, "HybridInventory.Manifest")
$manifest | Export-Clixml -Path (Join-Path $OutputFolder ("Manifest-" + $source + ".xml")) -Depth 3 -Encoding UTF8
Write-Host "Inventory written to $OutputFolder. Import it with: hybrid-designer import `"$OutputFolder`" -o plan.hybrid.json"
