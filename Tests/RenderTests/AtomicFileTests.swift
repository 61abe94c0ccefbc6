import Foundation
@testable import Render
import Synchronization
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
        let syncs = Mutex(0)
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
}
