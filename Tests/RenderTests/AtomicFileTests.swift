import Foundation
@testable import Render
import Geometry
import Testing

/// The output-set writer: every file or none, fsynced, no temporary file left behind.
@Suite struct AtomicFileTests {
    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func listing(_ dir: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
    }

    private func file(_ path: String, _ text: String) -> AtomicFile.File { .init(path: path, bytes: Array(text.utf8)) }

    @Test func writesTheSetAndSyncsEveryFileAndDirectory() throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/a.png", contents: Data("old a".utf8))
        let syncs = Locked(0)
        var calls = AtomicFile.SystemCalls()
        calls.fsync = { fd in syncs.withLock { $0 += 1 }; return fsync(fd) }
        try AtomicFile.writeAll([file(dir + "/a.png", "new a"), file(dir + "/a.txt", "about a"),
                                 file(dir + "/maps/deep/b.pdf", "new b")], calls: calls)
        #expect(contents(dir + "/a.png") == "new a" && contents(dir + "/a.txt") == "about a")
        #expect(contents(dir + "/maps/deep/b.pdf") == "new b")
        #expect(syncs.withLock { $0 } == 3 + 2, "each of the 3 files and each of the 2 directories")
        #expect(try listing(dir) == ["a.png", "a.txt", "maps", "maps/deep", "maps/deep/b.pdf"], "no .tmp or .old left")
    }

    /// A target the early check would pass but the write cannot use: a directory in its place (made after the
    /// check), or a parent that is a regular file.
    @Test(arguments: ["directory in place", "parent is a file"])
    func failureBeforeTheRenamesChangesNothing(_ obstacle: String) throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/a.png", contents: Data("old a".utf8))
        FileManager.default.createFile(atPath: dir + "/a.txt", contents: Data("old description".utf8))
        FileManager.default.createFile(atPath: dir + "/file", contents: Data("a regular file".utf8))
        let second: String
        if obstacle == "directory in place" {
            second = dir + "/b.png"
            try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: false)
        } else {
            second = dir + "/file/b.png"
        }
        let before = try listing(dir)
        #expect(throws: RenderError.self) {
            try AtomicFile.writeAll([file(dir + "/a.png", "new a"), file(dir + "/new/sub/c.svg", "new c"),
                                     file(second, "new b"), file(dir + "/a.txt", "new description")])
        }
        #expect(contents(dir + "/a.png") == "old a" && contents(dir + "/a.txt") == "old description")
        #expect(try listing(dir) == before, "no temporary file and no directory made for the set remain")
    }

    /// When a rename fails midway, the files already renamed get their previous version back, and a file that
    /// did not exist before goes again.
    @Test func failedRenameRollsBackTheRenamedFiles() throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/a.png", contents: Data("old a".utf8))
        FileManager.default.createFile(atPath: dir + "/c.png", contents: Data("old c".utf8))
        let before = try listing(dir)
        var calls = AtomicFile.SystemCalls()
        calls.rename = { from, to in
            if to.hasSuffix("/c.png") { errno = EIO; return -1 }
            return rename(from, to)
        }
        #expect(throws: RenderError.output(path: dir + "/c.png", reason: "Input/output error")) {
            try AtomicFile.writeAll([file(dir + "/a.png", "new a"), file(dir + "/b.png", "new b"), file(dir + "/c.png", "new c")],
                                    calls: calls)
        }
        #expect(contents(dir + "/a.png") == "old a" && contents(dir + "/c.png") == "old c")
        #expect(try listing(dir) == before, "b.png is gone again; no .tmp or .old left")
    }

    /// A failed fsync counts as a failed write: nothing is replaced.
    @Test func failedFsyncChangesNothing() throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/a.png", contents: Data("old a".utf8))
        var calls = AtomicFile.SystemCalls()
        calls.fsync = { _ in errno = EIO; return -1 }
        #expect(throws: RenderError.output(path: dir + "/a.png", reason: "fsync: Input/output error")) {
            try AtomicFile.writeAll([file(dir + "/a.png", "new a")], calls: calls)
        }
        #expect(contents(dir + "/a.png") == "old a")
        #expect(try listing(dir) == ["a.png"])
    }

    /// Any name that can be written can be written through a temporary name (at most 255 bytes).
    @Test func longNamesGetAShortenedTemporaryName() throws {
        let dir = try temporaryDirectory()
        let name = String(repeating: "é", count: 125) + ".png"   // 254 bytes
        #expect(AtomicFile.hiddenName(for: name, suffix: "tmp").utf8.count <= 255)
        #expect(AtomicFile.hiddenName(for: "map.png", suffix: "tmp") == ".map.png.\(getpid()).tmp")
        try AtomicFile.writeAll([file(dir + "/" + name, "long")])
        #expect(contents(dir + "/" + name) == "long")
        #expect(try listing(dir) == [name])
    }

    /// A pid that was a process and is no more.
    private func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// Temporary and backup files of runs that died (SIGKILL, power cut) are removed by the next write of the
    /// same name; those of a live process, and files of other names or patterns, are left alone.
    @Test func staleTemporaryFilesOfDeadRunsAreRemoved() throws {
        let dir = try temporaryDirectory()
        let dead = try deadPID()
        let alive = getppid()
        for name in [".map.png.\(dead).tmp", ".map.png.\(dead).old", ".map.png.\(alive).tmp", ".map.pdf.\(dead).tmp",
                     ".map.png.x\(dead).tmp", "map.png.\(dead).tmp"] {
            FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("debris".utf8))
        }
        try AtomicFile.writeAll([file(dir + "/map.png", "new")])
        #expect(try listing(dir) == [".map.pdf.\(dead).tmp", ".map.png.\(alive).tmp", ".map.png.x\(dead).tmp", "map.png",
                                     "map.png.\(dead).tmp"].sorted())
        #expect(AtomicFile.ownerPID(of: ".map.png.123.tmp", for: "map.png") == 123)
        #expect(AtomicFile.ownerPID(of: ".map.png.123.tmp", for: "map") == nil)
        #expect(AtomicFile.ownerPID(of: ".map.png.12a.tmp", for: "map.png") == nil)
    }

    /// A description file of the name we chose that we did not write (a user's own `report.alt.txt`) is never
    /// replaced: the whole set fails and says so. One we wrote carries our mark and is replaced.
    @Test func sidecarWeDidNotWriteIsNotReplaced() throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/m.alt.txt", contents: Data("my own notes".utf8))
        FileManager.default.createFile(atPath: dir + "/m.png", contents: Data("old map".utf8))
        #expect(throws: RenderError.output(path: dir + "/m.alt.txt", reason: "exists and was not written by sahelmap, so it is not replaced (move it away, or leave the description out with --no-alt-text)")) {
            try AtomicFile.writeAll([file(dir + "/m.png", "new map"), .init(path: dir + "/m.alt.txt", bytes: Array("Map of x".utf8), sidecar: true)])
        }
        #expect(contents(dir + "/m.png") == "old map" && contents(dir + "/m.alt.txt") == "my own notes")
        try FileManager.default.removeItem(atPath: dir + "/m.alt.txt")
        for text in ["Map of one", "Map of two"] {
            try AtomicFile.writeAll([file(dir + "/m.png", "new map"), .init(path: dir + "/m.alt.txt", bytes: Array(text.utf8), sidecar: true)])
            #expect(contents(dir + "/m.alt.txt") == text)
        }
        #expect(AtomicFile.isMarkedOurs(dir + "/m.alt.txt"))
        #expect(try listing(dir) == ["m.alt.txt", "m.png"])
    }

    /// Two sets writing into one folder never interleave: the second waits for the first's lock.
    @Test func secondSetWaitsForTheFirst() throws {
        let dir = try temporaryDirectory()
        let first = AtomicFile.Transaction()
        try first.stage([file(dir + "/a.png", "first a"), file(dir + "/b.pdf", "first b")])
        #expect(TemporaryFiles.registered.contains(dir + "/.a.png.\(getpid()).tmp"))
        let secondDone = Locked(false)
        let thread = Thread {
            try? AtomicFile.writeAll([.init(path: dir + "/b.pdf", bytes: Array("second b".utf8)), .init(path: dir + "/a.png", bytes: Array("second a".utf8))])
            secondDone.withLock { $0 = true }
        }
        thread.start()
        usleep(300_000)
        #expect(secondDone.withLock { $0 } == false, "the second set waits while the first holds the folder")
        try first.commit()
        for _ in 0..<100 where !secondDone.withLock({ $0 }) { usleep(50_000) }
        #expect(secondDone.withLock { $0 })
        #expect(contents(dir + "/a.png") == "second a" && contents(dir + "/b.pdf") == "second b")
        #expect(!TemporaryFiles.registered.contains { $0.hasPrefix(dir) })
    }
}
