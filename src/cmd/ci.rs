//! `taohua ci`: gate a document set on every change (thresholds from
//! `taohua.toml`, a baseline, exit codes). Never prompts, never draws progress.

use super::check::read_allowlists;
use super::{absolute, guard_output, warn_read, Ctx};
use crate::cli::{CiArgs, CiFormat};
use crate::exit_code;
use crate::output;
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use taohua::gate::{self, findings::Names, Baseline, Config};

/// Run `ci`.
pub fn run(args: CiArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let start = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if args.init {
        return init(&args, &start);
    }
    let config_path = match &args.config {
        Some(p) => p.clone(),
        None => {
            let from = if start.is_file() {
                start.parent().map(Path::to_path_buf).unwrap_or_default()
            } else {
                start.clone()
            };
            let from: PathBuf = cwd
                .join(from)
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect();
            gate::find_config(&from).with_context(|| {
                format!(
                    "no {} in {} or any folder above it; write one with `taohua ci --init`",
                    gate::FILE_NAME,
                    from.display()
                )
            })?
        }
    };
    let config_path = std::fs::canonicalize(&config_path)
        .with_context(|| format!("reading config {}", config_path.display()))?;
    let root = config_path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let shown_root = gate::display_root(&root, &std::fs::canonicalize(&cwd).unwrap_or(cwd));
    let config_name = format!("{shown_root}{}", file_name(&config_path));
    let text = read_toml(
        &config_path,
        &config_name,
        "fix it or write a new one with `taohua ci --init`",
    )?;
    let mut cfg = Config::parse(&text, &config_name)?;
    cfg.user_dict = cfg
        .user_dict
        .map(|d| root.join(d).to_string_lossy().into_owned());
    let baseline_path = root.join(&cfg.baseline);
    let baseline_name = format!("{shown_root}{}", cfg.baseline);
    let baseline = if baseline_path.exists() {
        let fix =
            "restore it from version control, or write it anew with `taohua ci --update-baseline`";
        Baseline::parse(
            &read_toml(&baseline_path, &baseline_name, fix)?,
            &baseline_name,
        )?
    } else {
        Baseline::default()
    };
    let allow: Vec<PathBuf> = cfg.allowlist.iter().map(|p| root.join(p)).collect();
    let allowlist = read_allowlists(&allow)?;
    let skip = [config_path.clone(), baseline_path.clone()];
    let set = gate::load(&root, &shown_root, &cfg, &skip);
    warn_read(&set.corpus);
    if set.corpus.documents.is_empty() {
        bail!(
            "the globs of {config_name} select no readable speech under {}; check [documents] corpus and new",
            root.display()
        );
    }
    if let Some(out) = &args.output {
        // The report must not replace the config, the baseline or a speech.
        let inputs: Vec<PathBuf> = [config_path.clone(), baseline_path.clone()]
            .into_iter()
            .chain(set.corpus.files.iter().map(|f| PathBuf::from(&f.path)))
            .collect();
        guard_output("-o", out, &inputs, &[])?;
        // Nor land where the globs would read it as a speech next time.
        if absolute(out).is_some_and(|a| gate::selects(&root, &cfg, &a)) {
            bail!(
                "-o {} is taken by the [documents] globs of {}, so the next run would read the report as a speech; write it elsewhere",
                out.display(),
                config_name
            );
        }
    }
    let names = Names {
        config: config_name,
        baseline: baseline_name,
    };
    let report = gate::findings::run(&set, &cfg, &allowlist, &baseline, &names)?;
    if args.update_baseline {
        if !report.skipped.is_empty() {
            bail!("not writing the baseline: some files could not be read (above); fix them and run again");
        }
        let updated = report.to_baseline();
        let text = updated.render();
        output::write_atomic(&baseline_path, |w| w.write_all(text.as_bytes()))?;
        eprintln!(
            "{}: {} accepted findings (was {})",
            names.baseline,
            updated.entries.len(),
            baseline.entries.len()
        );
        return Ok(exit_code::CLEAN.into());
    }
    let color = ctx.color && args.output.is_none();
    let render = |w: &mut dyn std::io::Write| match args.format {
        CiFormat::Human => output::human::ci(&report, color, w),
        CiFormat::Json => output::json::write(&report, w),
        CiFormat::Sarif => output::sarif::write(&report, w),
        CiFormat::Junit => output::junit::write(&report, w),
        CiFormat::Github => output::github::write(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    Ok(if !report.skipped.is_empty() {
        exit_code::ERROR
    } else if report.summary.failures > 0 {
        exit_code::FINDINGS
    } else {
        exit_code::CLEAN
    }
    .into())
}

/// `--init`: write the commented default config, never over an existing file.
fn init(args: &CiArgs, start: &Path) -> anyhow::Result<ExitCode> {
    let path = match &args.config {
        Some(p) => p.clone(),
        None if start.is_file() => bail!(
            "--init writes {} into a folder; {} is a file",
            gate::FILE_NAME,
            start.display()
        ),
        None => start.join(gate::FILE_NAME),
    };
    // A folder named that is not there yet is made (as `-o` makes its folders).
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot make the folder {} for --init", dir.display()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; not overwriting it (edit it, or remove it first)",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("writing {}", path.display())),
    };
    use std::io::Write;
    file.write_all(gate::INIT.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "wrote {}; set [documents] corpus and new, then run `taohua ci`",
        path.display()
    );
    Ok(exit_code::CLEAN.into())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The text of a TOML file (config or baseline), which must be UTF-8; `fix`
/// says what to do when it is not (a file cut short in the middle of a
/// character, or saved in another encoding).
fn read_toml(path: &Path, name: &str, fix: &str) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {name}"))?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!("{name}: not UTF-8 text (cut short, or saved in another encoding); {fix}")
    })
}
