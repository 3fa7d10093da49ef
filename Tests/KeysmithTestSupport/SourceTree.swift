/// The repository's files the tests read (the scenarios, the README, fixtures, scripts), found
/// from this file's own path: the tests run from the checkout they were built in.
///
/// ```swift
/// let scenarios = SourceTree.path("Tests/Scenarios")
/// ```
public enum SourceTree {
    /// The repository's root, the folder of `Package.swift` (this file is
    /// `Tests/KeysmithTestSupport/SourceTree.swift` below it).
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }()

    /// `relative` (a path from the root, such as `README.md`) as a full path.
    public static func path(_ relative: String) -> String { root + "/" + relative }
}
