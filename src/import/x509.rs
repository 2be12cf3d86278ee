//! A minimal DER walk of X.509 certificates (spec `import.md` §4.5, shape B): subject, issuer,
//! validity end, subjectAltName DNS names and the SHA-1 thumbprint. Read-only and bounded: a
//! length that runs past its container is an error, never a panic.

/// What the import reads from a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Subject RDNs in certificate order, as (alias or OID, value).
    pub subject: Vec<(String, String)>,
    /// Issuer RDNs in certificate order.
    pub issuer: Vec<(String, String)>,
    /// notAfter as a UTC date `YYYY-MM-DD`.
    pub not_after: String,
    /// subjectAltName dNSNames, in certificate order.
    pub dns_names: Vec<String>,
    /// Upper-case hex SHA-1 of the whole DER.
    pub thumbprint: String,
}

impl CertInfo {
    /// The first `CN` of the subject.
    #[must_use]
    pub fn subject_cn(&self) -> Option<&str> {
        self.subject
            .iter()
            .find(|(k, _)| k == "CN")
            .map(|(_, v)| v.as_str())
    }

    /// A distinguished name written as .NET writes it: most specific RDN first, `, ` between.
    #[must_use]
    pub fn dn_text(rdns: &[(String, String)]) -> String {
        rdns.iter()
            .rev()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Why a certificate could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a DER X.509 certificate: {0}")]
pub struct CertError(pub &'static str);

struct Der<'a> {
    tag: u8,
    body: &'a [u8],
}

/// Split one TLV off `input`.
fn next(input: &[u8]) -> Result<(Der<'_>, &[u8]), CertError> {
    let (&tag, rest) = input.split_first().ok_or(CertError("truncated"))?;
    let (&first, rest) = rest.split_first().ok_or(CertError("truncated"))?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(CertError("bad length"));
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(CertError("length past the end"));
    }
    Ok((
        Der {
            tag,
            body: &rest[..len],
        },
        &rest[len..],
    ))
}

fn expect(input: &[u8], tag: u8) -> Result<(Der<'_>, &[u8]), CertError> {
    let (d, rest) = next(input)?;
    if d.tag == tag {
        Ok((d, rest))
    } else {
        Err(CertError("unexpected element"))
    }
}

/// Parse a DER certificate.
pub fn parse(der: &[u8]) -> Result<CertInfo, CertError> {
    let (cert, _) = expect(der, 0x30)?;
    let (tbs, _) = expect(cert.body, 0x30)?;
    let mut rest = tbs.body;
    let (mut d, mut r) = next(rest)?;
    if d.tag == 0xA0 {
        (d, r) = next(r)?; // serial after the explicit version
    }
    if d.tag != 0x02 {
        return Err(CertError("no serial number"));
    }
    rest = r;
    let (_, r) = expect(rest, 0x30)?; // signature algorithm
    let (issuer, r) = expect(r, 0x30)?;
    let (validity, r) = expect(r, 0x30)?;
    let (subject, r) = expect(r, 0x30)?;
    let (_, mut r) = expect(r, 0x30)?; // public key
    let mut dns_names = Vec::new();
    while !r.is_empty() {
        let (d, after) = next(r)?;
        r = after;
        if d.tag == 0xA3 {
            dns_names = alt_names(d.body)?;
        }
    }
    let (_, vr) = next(validity.body)?;
    let (not_after, _) = next(vr)?;
    Ok(CertInfo {
        subject: name(subject.body)?,
        issuer: name(issuer.body)?,
        not_after: time(&not_after)?,
        dns_names,
        thumbprint: hex_upper(&sha1(der_whole(der)?)),
    })
}

/// The bytes of the outer certificate element (trailing bytes after it are not hashed).
fn der_whole(der: &[u8]) -> Result<&[u8], CertError> {
    let (_, rest) = next(der)?;
    Ok(&der[..der.len() - rest.len()])
}

fn name(mut body: &[u8]) -> Result<Vec<(String, String)>, CertError> {
    let mut out = Vec::new();
    while !body.is_empty() {
        let (set, rest) = expect(body, 0x31)?;
        body = rest;
        let mut items = set.body;
        while !items.is_empty() {
            let (atv, after) = expect(items, 0x30)?;
            items = after;
            let (oid, vr) = expect(atv.body, 0x06)?;
            let (value, _) = next(vr)?;
            let text = match value.tag {
                // BMPString
                0x1E => char::decode_utf16(
                    value
                        .body
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]])),
                )
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
                _ => String::from_utf8_lossy(value.body).into_owned(),
            };
            out.push((oid_alias(oid.body), text));
        }
    }
    Ok(out)
}

fn alt_names(ext_wrapper: &[u8]) -> Result<Vec<String>, CertError> {
    const SAN: [u8; 3] = [0x55, 0x1D, 0x11];
    let (exts, _) = expect(ext_wrapper, 0x30)?;
    let mut body = exts.body;
    while !body.is_empty() {
        let (ext, rest) = expect(body, 0x30)?;
        body = rest;
        let (oid, mut r) = expect(ext.body, 0x06)?;
        if oid.body != SAN {
            continue;
        }
        let (mut d, mut after) = next(r)?;
        if d.tag == 0x01 {
            (d, after) = next(after)?; // critical flag
        }
        r = after;
        let _ = r;
        if d.tag != 0x04 {
            return Err(CertError("bad subjectAltName"));
        }
        let (names, _) = expect(d.body, 0x30)?;
        let mut items = names.body;
        let mut out = Vec::new();
        while !items.is_empty() {
            let (g, rest) = next(items)?;
            items = rest;
            if g.tag == 0x82 {
                out.push(String::from_utf8_lossy(g.body).into_owned());
            }
        }
        return Ok(out);
    }
    Ok(Vec::new())
}

fn time(d: &Der) -> Result<String, CertError> {
    let s = std::str::from_utf8(d.body).map_err(|_| CertError("bad time"))?;
    let digits = |from: usize, n: usize| {
        s.get(from..from + n)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
    };
    let (year, month, day) = match d.tag {
        0x17 => {
            let yy: u32 = digits(0, 2)
                .and_then(|t| t.parse().ok())
                .ok_or(CertError("bad time"))?;
            let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
            (year.to_string(), digits(2, 2), digits(4, 2))
        }
        0x18 => (
            digits(0, 4).ok_or(CertError("bad time"))?.to_owned(),
            digits(4, 2),
            digits(6, 2),
        ),
        _ => return Err(CertError("bad time")),
    };
    match (month, day) {
        (Some(m), Some(dd)) => Ok(format!("{year}-{m}-{dd}")),
        _ => Err(CertError("bad time")),
    }
}

fn oid_alias(oid: &[u8]) -> String {
    match oid {
        [0x55, 0x04, 0x03] => "CN".to_owned(),
        [0x55, 0x04, 0x0B] => "OU".to_owned(),
        [0x55, 0x04, 0x0A] => "O".to_owned(),
        [0x55, 0x04, 0x07] => "L".to_owned(),
        [0x55, 0x04, 0x08] => "S".to_owned(),
        [0x55, 0x04, 0x06] => "C".to_owned(),
        [0x55, 0x04, 0x09] => "STREET".to_owned(),
        [0x55, 0x04, 0x05] => "SERIALNUMBER".to_owned(),
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01] => "E".to_owned(),
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19] => "DC".to_owned(),
        other => oid_text(other),
    }
}

fn oid_text(oid: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in oid {
        acc = (acc << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let first = (acc / 40).min(2);
                parts.push(first);
                parts.push(acc - first * 40);
            } else {
                parts.push(acc);
            }
            acc = 0;
        }
    }
    format!(
        "OID.{}",
        parts
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".")
    )
}

fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

/// SHA-1 (FIPS 180-4), for the certificate thumbprint Exchange shows; not used for security.
#[must_use]
#[allow(clippy::many_single_char_names)] // the standard's names
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, &wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (hv, v) in h.iter_mut().zip([a, b, c, d, e]) {
            *hv = hv.wrapping_add(v);
        }
    }
    let mut out = [0u8; 20];
    for (i, v) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_of_abc_is_the_fips_example() {
        assert_eq!(
            hex_upper(&sha1(b"abc")),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &[][..],
            &[0x30],
            &[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF],
            &[0x30, 0x03, 0x30, 0x01],
        ] {
            assert!(parse(bytes).is_err());
        }
    }
}
