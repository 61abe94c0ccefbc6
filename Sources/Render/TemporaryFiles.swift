import Foundation
import Geometry
import Synchronization

/// The temporary files of output sets being written, so that SIGINT, SIGTERM and SIGHUP remove them before the
/// process exits (with 130, 143 and 129, as a shell reports death by those signals).
///
/// The handler may only make async-signal-safe calls, so the registry is a fixed table of C strings that the
/// handler walks with `unlink` and nothing else. While an output set is being renamed the handler only notes
/// the signal; the renames finish (or are rolled back), then the process exits: a signal never leaves a torn set.
package enum TemporaryFiles {
    /// Slots of the table; a set with more files than this still works, the excess just is not cleaned up on
    /// a signal (a later run removes them as stale).
    static let capacity = 512
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let t = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        t.initialize(repeating: nil, count: capacity)
        return t
    }()
    static let writers = Locked(())
    static let renaming = Atomic<Int>(0)
    static let pending = Atomic<Int32>(0)

    /// Adds a path to remove on a signal.
    package static func register(_ path: String) {
        writers.withLock { _ in
            for k in 0..<capacity where table[k] == nil {
                table[k] = strdup(path)
                return
            }
        }
    }

    /// Removes a path from the table (renamed or removed already).
    package static func unregister(_ path: String) {
        writers.withLock { _ in
            for k in 0..<capacity {
                guard let p = table[k], strcmp(p, path) == 0 else { continue }
                table[k] = nil
                free(p)
                return
            }
        }
    }

    /// The paths registered now (for tests).
    package static var registered: [String] {
        writers.withLock { _ in (0..<capacity).compactMap { table[$0].map { String(cString: $0) } } }
    }

    /// Renames are starting: a signal now waits for `endRenames`.
    static func beginRenames() { renaming.add(1, ordering: .sequentiallyConsistent) }

    /// Renames are over: a signal that came meanwhile takes effect now.
    static func endRenames() {
        if renaming.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            let sig = pending.load(ordering: .sequentiallyConsistent)
            if sig != 0 { cleanUpAndExit(sig) }
        }
    }

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP. Called by the command-line tool; a program using the
    /// library keeps its own signal handling unless it calls this.
    package static func installSignalCleanup() {
        _ = table   // made before any signal can need it
        // A parent may hand down these signals blocked (a test runner's worker thread, some cron daemons): then
        // they would wait, pending, until the renames were done. Unblock them on this (the main) thread.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the parent set to be ignored (`nohup`) stays ignored.
            var previous = sigaction()
            if sigaction(sig, nil, &previous) == 0,
               unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }   // SIG_IGN
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if TemporaryFiles.renaming.load(ordering: .sequentiallyConsistent) > 0 {
                    TemporaryFiles.pending.store(sig, ordering: .sequentiallyConsistent)
                    return
                }
                TemporaryFiles.cleanUpAndExit(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// Unlinks every registered file and exits with 128 + the signal. Async-signal-safe: `unlink` and `_exit`.
    static func cleanUpAndExit(_ sig: Int32) -> Never {
        for k in 0..<capacity { if let p = table[k] { unlink(p) } }
        _exit(128 + sig)
    }

    /// For tests of the above: with `SAHELMAP_TEST_PAUSE_BEFORE_RENAME` set to a file path, an output set whose
    /// files are all staged creates that file and waits (up to a minute) for it to be removed before renaming,
    /// so a test can send a signal at exactly that point.
    static func pauseBeforeRenamesForTests() {
        guard let marker = ProcessInfo.processInfo.environment["SAHELMAP_TEST_PAUSE_BEFORE_RENAME"], !marker.isEmpty else { return }
        FileManager.default.createFile(atPath: marker, contents: Data("\(getpid())\n".utf8))
        for _ in 0..<600 where FileManager.default.fileExists(atPath: marker) { usleep(100_000) }
    }
}
