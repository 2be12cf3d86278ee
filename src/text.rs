//! Small text helpers for the sentences the program writes (status, findings, captions).

/// The text with its first letter in upper case, so a phrase can start a sentence:
/// "an OAuth link cannot…" becomes "An OAuth link cannot…". The rest is left as it is
/// (names and proper nouns keep their case).
#[must_use]
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::capitalize;

    #[test]
    fn capitalize_raises_only_the_first_letter() {
        assert_eq!(capitalize("an OAuth link"), "An OAuth link");
        assert_eq!(capitalize("été"), "Été");
        assert_eq!(capitalize(""), "");
    }
}
