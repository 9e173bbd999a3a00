//! Helpers for SQL built at run time: placeholder lists and fixed statement shapes.
//!
//! Multi-row statements come in a few fixed sizes so that both drivers keep
//! reusing a handful of prepared statements instead of preparing a new one for
//! every batch length.

use crate::Backend;

/// Row counts of multi-row INSERT statements, largest first. The widest table
/// binds 24 values per row, so the largest shape binds 6,144 values: far below
/// SQLite's 32,766 and PostgreSQL's 65,535.
pub(crate) const INSERT_SHAPES: [usize; 5] = [256, 64, 16, 4, 1];

/// Lengths of `IN (…)` lists; shorter inputs are padded by repeating the last value.
pub(crate) const IN_SHAPES: [usize; 3] = [8, 64, 512];

/// SQLite's default (and our) ceiling for bound values in one statement.
#[cfg(test)]
pub(crate) const MAX_PARAMS: usize = 32_766;

/// Splits `n` rows into consecutive chunks whose lengths are all in [`INSERT_SHAPES`].
pub(crate) fn insert_chunks(n: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for shape in INSERT_SHAPES {
        while n - start >= shape {
            out.push(start..start + shape);
            start += shape;
        }
    }
    out
}

/// `($1,$2,$3),($4,$5,$6)` for `rows` rows of `cols` values, numbering from 1.
///
/// On SQLite the placeholders are anonymous (`?`): sqlx looks up every
/// parameter's name when binding, and SQLite finds names by a linear scan, so
/// thousands of `$N` parameters cost quadratic time (60 % of an import).
pub(crate) fn values_rows(backend: Backend, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 6);
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push(',');
            }
            push_param(&mut s, backend, n);
            n += 1;
        }
        s.push(')');
    }
    s
}

/// `$1,$2,…` (SQLite: `?,?,…`) with `n` placeholders.
pub(crate) fn param_list(backend: Backend, n: usize) -> String {
    let mut s = String::with_capacity(n * 6);
    for i in 1..=n {
        if i > 1 {
            s.push(',');
        }
        push_param(&mut s, backend, i);
    }
    s
}

fn push_param(s: &mut String, backend: Backend, n: usize) {
    match backend {
        Backend::Sqlite => s.push('?'),
        Backend::Postgres => {
            s.push('$');
            s.push_str(&n.to_string());
        }
    }
}

/// Splits `values` into `IN (…)` lists of the fixed [`IN_SHAPES`] lengths,
/// padding the last one by repeating its last value (harmless in `IN`).
pub(crate) fn in_chunks<T: Clone>(values: &[T]) -> Vec<Vec<T>> {
    let max = IN_SHAPES[IN_SHAPES.len() - 1];
    values
        .chunks(max)
        .map(|chunk| {
            let shape = IN_SHAPES
                .iter()
                .copied()
                .find(|&s| s >= chunk.len())
                .unwrap_or(max);
            let mut v = chunk.to_vec();
            if let Some(last) = chunk.last() {
                while v.len() < shape {
                    v.push(last.clone());
                }
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_chunks_cover_everything_in_fixed_shapes() {
        for n in [0, 1, 3, 4, 255, 256, 257, 2000, 5001] {
            let chunks = insert_chunks(n);
            let total: usize = chunks.iter().map(|c| c.len()).sum();
            assert_eq!(total, n);
            assert!(chunks.iter().all(|c| INSERT_SHAPES.contains(&c.len())));
            assert!(chunks.windows(2).all(|w| w[0].end == w[1].start));
        }
        assert_eq!(insert_chunks(2000).len(), 7 + 3 + 1);
    }

    #[test]
    fn shapes_stay_under_parameter_limits() {
        assert!(INSERT_SHAPES[0] * 24 + 3 < MAX_PARAMS);
        assert!(IN_SHAPES[IN_SHAPES.len() - 1] < MAX_PARAMS);
    }

    #[test]
    fn placeholders() {
        assert_eq!(values_rows(Backend::Postgres, 2, 2), "($1,$2),($3,$4)");
        assert_eq!(values_rows(Backend::Sqlite, 2, 2), "(?,?),(?,?)");
        assert_eq!(param_list(Backend::Postgres, 3), "$1,$2,$3");
        assert_eq!(param_list(Backend::Sqlite, 3), "?,?,?");
        let c = in_chunks(&["a", "b", "c"]);
        assert_eq!(c, vec![vec!["a", "b", "c", "c", "c", "c", "c", "c"]]);
        assert_eq!(
            in_chunks(&vec![1; 600])
                .iter()
                .map(Vec::len)
                .collect::<Vec<_>>(),
            [512, 512]
        );
        assert!(in_chunks::<u8>(&[]).is_empty());
    }
}
