//! Exact input arithmetic and whole-line limits of the JSON Lines contract
//! (issue 12, defects 4 and 5): amounts written with exponents are read
//! exactly and refused where they are not whole fen, a key given twice is
//! refused by name, a line over the documented limit is refused by number
//! without being read whole, and every error has a field.

mod common;

use common::{run, run_err, y};
use medfund_rules::contract::{LineError, MAX_LINE_BYTES, WHOLE_LINE, run_lines};

fn inpatient(total: &str) -> String {
    format!(
        r#"{{"year":2023,"member":{{"category":"employee","sex":"F","age":40}},"claims":[{{"type":"inpatient","level":"3A","total":{total}}}]}}"#
    )
}

#[test]
fn exponent_forms_below_the_fen_are_refused_like_decimals() {
    // 1e-9 yuan is 0.000000001: more than two decimals, as "30000.001" is.
    for total in ["1e-9", "1.00000000000000001e9", "30000.001", "3.0000001E4"] {
        let e = run_err("ziyang", &inpatient(total));
        assert_eq!(e.field, "claims[0].total", "{total}: {e:?}");
        assert!(e.message.contains("two decimals") || e.message.contains("decimals"), "{total}: {e:?}");
    }
}

#[test]
fn exponent_forms_in_whole_fen_are_read_exactly() {
    // Ziyang 000 第十八条: 3A local in service, deductible 1,000, 80%:
    // 1.2e4 = 12,000 in scope → fund (12,000 − 1,000) × 80% = 8,800.
    let a = run("ziyang", &inpatient("1.2e4"));
    let b = run("ziyang", &inpatient("12000"));
    assert_eq!(a, b);
    assert_eq!(a[0].fund, y("8800"));
    // 1234567E-2 = 12,345.67 exactly.
    let c = run("ziyang", &inpatient("1234567E-2"));
    assert_eq!(c[0].fund + c[0].member, y("12345.67"));
    // An exponent beyond any amount is out of range, not a panic.
    let e = run_err("ziyang", &inpatient("1e400"));
    assert_eq!(e.field, "claims[0].total");
}

#[test]
fn a_key_given_twice_is_refused_by_name() {
    let line = r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40,"age":41},"claims":[]}"#;
    let e = run_err("ziyang", line);
    assert_eq!(e.field, "member.age");
    assert!(e.message.contains("duplicate key"), "{e:?}");
    let line = r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":100,"total":200}]}"#;
    assert_eq!(run_err("ziyang", line).field, "claims[0].total");
    // The same key in two different objects is fine.
    let ok = r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"outpatient","level":"1","total":100},{"type":"outpatient","level":"1","total":100}]}"#;
    assert_eq!(run("ziyang", ok).len(), 2);
}

/// Lines through `run_lines` with a handler that answers `ok` for each; the
/// error lines written.
fn errors_of(input: &[u8]) -> (usize, Vec<String>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let s = run_lines(input, &mut out, &mut err, false, |l| {
        if l.starts_with('{') { Ok("ok".into()) } else { Err(LineError::new("", "malformed JSON: expected value")) }
    })
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), s.answered);
    (s.answered, String::from_utf8(err).unwrap().lines().map(str::to_string).collect())
}

#[test]
fn a_line_over_the_limit_is_refused_by_number_and_the_next_still_answered() {
    // The issue's line: millions of materials, 46 MB. Here a line of 3 MiB,
    // then a good line; the long one is read no further than the limit.
    let mut input = b"{}\n".to_vec();
    input.push(b'{');
    input.extend(std::iter::repeat_n(b'1', 3 * MAX_LINE_BYTES));
    input.extend_from_slice(b"}\n{}\n");
    let (answered, errors) = errors_of(&input);
    assert_eq!(answered, 2);
    assert_eq!(errors, vec![format!("line 2: field `{WHOLE_LINE}`: longer than the limit of 1048576 bytes")]);
    // A line of exactly the limit is answered.
    let mut input = vec![b'{'];
    input.extend(std::iter::repeat_n(b' ', MAX_LINE_BYTES - 2));
    input.extend_from_slice(b"}\n");
    assert_eq!(errors_of(&input), (1, vec![]));
}

#[test]
fn whole_line_errors_name_the_placeholder_field() {
    let (answered, errors) = errors_of(b"{}\noops\n\xff\xfe\n\r\n{}\r\n");
    assert_eq!(answered, 2);
    assert_eq!(
        errors,
        vec![
            "line 2: field `(line)`: malformed JSON: expected value".to_string(),
            "line 3: field `(line)`: not valid UTF-8".to_string(),
        ]
    );
}
