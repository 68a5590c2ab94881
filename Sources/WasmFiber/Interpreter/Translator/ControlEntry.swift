/// The translator's view of an open block: where its label's values live, where branches to
/// it go (or which operands still wait for that address), and what an exception handler
/// inside it needs.
struct ControlEntry {
    enum Kind { case function, block, loop, `if`, tryTable, legacyTry }

    var kind: Kind
    /// Operand-stack height at entry, below the parameters: the label's values go to the
    /// slots from here.
    var height: Int
    /// How many values a branch to the label carries (a loop's parameters, else results).
    var labelArity: Int
    /// A loop's first instruction (its branch target).
    var loopStart = 0
    /// Offsets of 32-bit branch-target operands to patch with the end's address.
    var patches: [Int] = []
    /// Indices of exception handlers whose target is this label's end.
    var handlerPatches: [Int] = []
    /// Resume handlers (table, clause) whose target is this label's end.
    var resumePatches: [(table: Int, clause: Int)] = []
    /// An `if`'s branch to its `else` (or end), until patched.
    var elsePatch: Int?
    /// The block was entered in unreachable code: nothing inside it is emitted.
    var isDead = false
    /// Where the protected code of a `try_table` / legacy `try` starts, and for a legacy try
    /// where it ended (at its first `catch`).
    var tryStart = 0
    var tryEnd: Int?
    /// The `try_table`'s catch clauses, resolved when it opened: (handler kind, target entry index).
    var catches: [(kind: ExceptionHandler.Kind, target: Int)] = []
    /// Legacy `try`: the slot that holds the caught exception for `rethrow`.
    var exceptionSlot = -1
}
