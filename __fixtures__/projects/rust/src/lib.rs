//! Table formatting for the hello service.

/// Renders rows as an aligned two-column table.
pub fn table(rows: &[(&str, u32)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{:<width$} {:>5}", k, v, width = width))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn aligns() {
        assert_eq!(super::table(&[("a", 1), ("bcd", 22)]), "a       1\nbcd    22");
    }
}
