import PropertyBased

/// One random step of a session: a kind of command and two choices that pick its arguments
/// from small pools (``OperationPools``). Plain integers, so a failing sequence shrinks toward
/// fewer and simpler steps.
struct Operation: Sendable, CustomStringConvertible {
    let kind: Int
    let a: Int
    let b: Int

    /// How many kinds ``SessionLine/line(for:state:)`` knows.
    static let kinds = 18

    /// Kinds weighted toward what the time and secret promises hinge on: keys, checks and
    /// clock moves come up several times as often as the rest (a dead key coming back needs a
    /// create, a move forward, a check, a move back and another check, in that order).
    static let weightedKinds = [0, 1, 2, 3, 4, 4, 4, 5, 6, 7, 7, 7, 7, 7, 8, 8, 8, 9, 10, 11, 11, 11, 12, 13, 14, 15, 15, 16, 16, 17]

    var description: String { "(\(kind),\(a),\(b))" }
}
