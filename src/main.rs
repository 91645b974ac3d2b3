use clap::Parser;
use gotolint::cli::{self, Cli, Command};

fn main() {
    // a panic inside one file's analysis is caught and reported as a notice;
    // keep the message to one line
    std::panic::set_hook(Box::new(|info| {
        eprintln!("gotolint: internal error: {info}")
    }));
    let args: Vec<String> = std::env::args().collect();
    if let Some(cli::UsageError(msg)) = cli::command_typo(&args) {
        eprintln!("gotolint: {msg}");
        std::process::exit(2);
    }
    let args = cli::normalise_args(args);
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                std::process::exit(0);
            }
            // one line: the reason, without clap's usage block
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            eprintln!("gotolint: {}", first.trim_start_matches("error: "));
            std::process::exit(2);
        }
    };
    // a panic outside the guarded analysis and rendering still ends with
    // exit 2 (internal error), never with a crash code
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cli.command {
        Command::Check(args) => cli::check(*args),
        Command::Merge(args) => cli::merge(args),
        Command::Rules { format } => Ok(cli::rules(format)),
        Command::Explain { code } => cli::explain(code.as_deref()),
        Command::DumpModel { path } => cli::dump_model(&path),
    }));
    match code {
        Ok(Ok(c)) => std::process::exit(c),
        Ok(Err(cli::UsageError(msg))) => {
            eprintln!("gotolint: {msg}");
            std::process::exit(2);
        }
        Err(_) => std::process::exit(2),
    }
}
