//! "Did you mean …?": the closest of the names a user could have meant, for
//! a misspelt scenario, `--set` key or grid name.

/// Edit distance (insertions, deletions, substitutions) between two words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be what was
/// meant: at most a third of the word's letters off (and at least one).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)`, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_find_their_word() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(closest("ziyan", ["ziyang", "luzhou", "dingxi"]), Some("ziyang"));
        assert_eq!(closest("employer_rat", ["employer_rate", "employee_rate"]), Some("employer_rate"));
        assert_eq!(closest("chongquing", ["chongqing", "luzhou"]), Some("chongqing"));
        assert_eq!(closest("paris", ["ziyang", "luzhou"]), None);
        assert_eq!(did_you_mean("lu", ["luzhou"]), "");
    }
}
