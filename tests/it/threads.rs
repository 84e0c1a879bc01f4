//! `--threads`: the report is the same, byte for byte, whatever the number of threads.

use crate::common::copydesk;

fn run(args: &[&str]) -> (Option<i32>, Vec<u8>) {
    let out = copydesk().args(args).output().unwrap();
    (out.status.code(), out.stdout)
}

#[test]
fn output_is_identical_with_one_and_many_threads() {
    // human and json-lines stream like concise and json; sarif stands for the formats
    // written at the end of the run.
    for format in ["concise", "json", "sarif"] {
        let one = run(&["check", "--format", format, "--threads", "1", "fixtures"]);
        let many = run(&["check", "--format", format, "--threads", "3", "fixtures"]);
        assert_eq!(one, many, "format {format}, 3 threads");
        assert!(!one.1.is_empty());
    }
}

#[test]
fn zero_threads_is_a_usage_error() {
    let out = copydesk()
        .args(["check", "--threads", "0", "fixtures/clean.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threads must be at least 1"));
}
