fn main() {
    let a: Vec<String> = std::env::args().collect();
    terbuka::configure_threads();
    let r = terbuka::build(&terbuka::BuildOptions::new(&a[1], &a[2])).expect("build");
    eprintln!("{:?}", r.timings);
}
