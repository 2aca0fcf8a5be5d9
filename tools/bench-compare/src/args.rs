//! Command-line arguments of `bench-compare`, parsed by hand (the tool has one dependency).

/// Default number of timed runs per file.
pub const DEFAULT_RUNS: usize = 5;

/// Usage text printed by `--help` and after an argument error.
pub const USAGE: &str = "usage: bench-compare [--runs N] FILE...\n\
    Runs each FILE N times (default 5), each time in a fresh QuickJS runtime and context,\n\
    and prints one JSON line per file: {\"file\": ..., \"engine\": \"quickjs\", \"median_ms\": ...,\n\
    \"result\": ...} (result: the completion value of the last run, i.e. the checksum).\n\
    A file whose evaluation throws gets {\"file\": ..., \"engine\": \"quickjs\", \"error\": ...}\n\
    instead and makes the exit code 1.";

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Time these files, each `runs` times.
    Run { runs: usize, files: Vec<String> },
    /// Print the usage text.
    Help,
}

/// Parses the arguments that follow the program name.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut runs = DEFAULT_RUNS;
    let mut files = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-n" | "--runs" => {
                let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
                runs = parse_runs(&value)?;
            }
            _ => {
                if let Some(value) = arg.strip_prefix("--runs=") {
                    runs = parse_runs(value)?;
                } else if arg.starts_with('-') && arg != "-" {
                    return Err(format!("unknown option {arg}"));
                } else {
                    files.push(arg);
                }
            }
        }
    }
    if files.is_empty() {
        return Err("no files given".to_owned());
    }
    Ok(Command::Run { runs, files })
}

fn parse_runs(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("--runs wants a positive integer, got {value:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_to_five_runs() {
        assert_eq!(
            parse(strings(&["a.js", "b.js"])),
            Ok(Command::Run {
                runs: 5,
                files: strings(&["a.js", "b.js"])
            })
        );
    }

    #[test]
    fn reads_runs_in_both_spellings() {
        assert_eq!(
            parse(strings(&["--runs", "3", "a.js"])),
            Ok(Command::Run {
                runs: 3,
                files: strings(&["a.js"])
            })
        );
        assert_eq!(
            parse(strings(&["a.js", "--runs=7"])),
            Ok(Command::Run {
                runs: 7,
                files: strings(&["a.js"])
            })
        );
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse(strings(&["--runs", "0", "a.js"])).is_err());
        assert!(parse(strings(&["--runs", "x", "a.js"])).is_err());
        assert!(parse(strings(&["--runs"])).is_err());
        assert!(parse(strings(&["--bogus", "a.js"])).is_err());
        assert!(parse(strings(&[])).is_err());
        assert_eq!(parse(strings(&["--help"])), Ok(Command::Help));
    }
}
