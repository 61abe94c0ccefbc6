import Foundation
import Testing
@testable import Build

extension BuildCommandTests {
    /// The font files fontconfig resolves for the theme's family are inputs: a changed font file rebuilds.
    @Test func changedFontFileRebuilds() throws {
        let dir = try folder(["liptako-gourma"])
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/fonts", withIntermediateDirectories: true)
        for face in ["Regular", "Bold", "Italic", "BoldItalic"] {
            try fm.copyItem(atPath: "/usr/share/fonts/truetype/noto/NotoSans-\(face).ttf", toPath: dir + "/fonts/NotoSans-\(face).ttf")
        }
        try """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <dir>\(dir)/fonts</dir>
          <cachedir>\(dir)/fontcache</cachedir>
        </fontconfig>

        """.write(toFile: dir + "/fonts.conf", atomically: true, encoding: .utf8)
        let env = ["FONTCONFIG_FILE": dir + "/fonts.conf"]
        let first = try sahelmap(["build"], in: dir, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let manifest = try String(contentsOfFile: dir + "/Maps/.sahelmap/manifest.json", encoding: .utf8)
        // Inside the working directory, so recorded relative to it.
        let regular = dir + "/fonts/NotoSans-Regular.ttf"
        #expect(manifest.contains("\"fonts\\/NotoSans-Regular.ttf\" : \"\(SHA256.hex(file: regular)!)\""), "\(manifest)")
        #expect(manifest.contains("\"fonts\\/NotoSans-Bold.ttf\""))
        #expect(lastLine(try sahelmap(["build"], in: dir, environment: env)) == "1 maps: 0 rebuilt, 1 unchanged, 0 failed, 0 warnings")
        let old = SHA256.hex(file: regular)!
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: regular))
        try h.seekToEnd()
        try h.write(contentsOf: Data([0, 0, 0, 0]))
        try h.close()
        let new = SHA256.hex(file: regular)!
        let dry = try sahelmap(["build", "--dry-run", "--explain"], in: dir, environment: env)
        #expect(dry.out.contains("liptako-gourma: fonts/NotoSans-Regular.ttf changed (sha256 \(old.prefix(8))…→\(new.prefix(8))…)"), "\(dry.out)")
        #expect(dry.out.contains("[1/1] Maps/liptako-gourma.yaml would rebuild"))
    }
}
