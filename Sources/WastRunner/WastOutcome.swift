/// What running one command of a spec script gave.
public enum WastOutcome: Sendable, Equatable {
    /// The command did what the script says.
    case passed
    /// It did not: what the script expected, and what happened instead.
    case failed(expected: String, actual: String)
    /// It was not run, and why (a feature this runtime does not have yet).
    case skipped(reason: String)

    /// The failure as one line: `expected …, got …`.
    public var failureMessage: String? {
        guard case .failed(let expected, let actual) = self else { return nil }
        return "expected \(expected), got \(actual)"
    }
}

/// The outcome of one command, with the line of the script it starts on.
public struct WastCommandResult: Sendable, Equatable {
    /// The 1-based line of the command.
    public var line: Int
    /// What happened.
    public var outcome: WastOutcome

    /// A result from its parts.
    public init(line: Int, outcome: WastOutcome) {
        self.line = line
        self.outcome = outcome
    }
}

/// Counts of outcomes, per file or over many files, with the skip reasons.
public struct WastTally: Sendable, Equatable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    /// How many were skipped for each reason.
    public var skipReasons: [String: Int] = [:]

    /// No outcomes yet.
    public init() {}

    /// Counts one outcome.
    public mutating func add(_ outcome: WastOutcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .skipped(let reason): add(skipped: 1, reason: reason)
        }
    }

    /// Counts `count` skipped commands for `reason`.
    public mutating func add(skipped count: Int, reason: String) {
        skipped += count
        skipReasons[reason, default: 0] += count
    }

    /// Adds another tally.
    public mutating func add(_ other: WastTally) {
        passed += other.passed
        failed += other.failed
        skipped += other.skipped
        for (reason, count) in other.skipReasons { skipReasons[reason, default: 0] += count }
    }

    /// `N passed, N failed`, followed by `, N skipped` when any were skipped.
    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
