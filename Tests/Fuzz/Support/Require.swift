/// Stops the fuzz target with `message` when `condition` is false: a finding. (Unlike
/// `precondition`, `fatalError` keeps its message in optimized builds.)
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
