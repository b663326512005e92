fn main() {
    println!("crab inventory");
    println!("{}", hello::table(&[("claws", 2), ("legs", 8), ("shells", 1)]));
}
