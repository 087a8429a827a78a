//! Lists the migrations of `migrations/` for `src/migrations.rs`: one source for both backends.

use std::fmt::Write;
use std::{env, fs, path::Path};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=migrations");
    let mut names: Vec<String> = fs::read_dir("migrations")?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let root = env::var("CARGO_MANIFEST_DIR")?;
    let mut out = String::from("pub const ALL: &[Sql] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed=migrations/{n}/up.sql");
        println!("cargo:rerun-if-changed=migrations/{n}/down.sql");
        writeln!(
            out,
            "    Sql {{ name: {n:?}, up: include_str!({up:?}), down: include_str!({down:?}) }},",
            up = format!("{root}/migrations/{n}/up.sql"),
            down = format!("{root}/migrations/{n}/down.sql"),
        )?;
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR")?).join("migrations.rs"), out)?;
    Ok(())
}
