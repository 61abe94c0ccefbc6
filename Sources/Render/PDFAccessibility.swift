internal import CQPDF

/// What Cairo 1.16 cannot write into a tagged PDF, added afterwards with qpdf: the document's language (`/Lang`
/// in the catalog, so a screen reader picks its voice), the title shown instead of the file name
/// (`/ViewerPreferences /DisplayDocTitle`), and each figure's alternative text (`/Alt` on the structure tree's
/// `Figure` elements, in reading order). Streams are passed through as Cairo wrote them; the `/ID` qpdf adds is
/// computed from the content, so the bytes stay the same from run to run.
enum PDFAccessibility {
    /// - Parameter figureAlt: The alternative text of each `Figure` element, in the order they appear in the
    ///   structure tree (reading order). A tree with another number of figures is an error, not a guess.
    /// - Throws: `RenderError.cairo` naming what qpdf could not do.
    static func finish(_ pdf: [UInt8], language: String?, figureAlt: [String]) throws(RenderError) -> [UInt8] {
        guard let q = qpdf_init() else { throw RenderError.cairo(doing: "add the PDF's language and alt text", status: "qpdf_init failed") }
        defer { var owned: qpdf_data? = q; qpdf_cleanup(&owned) }
        qpdf_silence_errors(q)
        qpdf_set_suppress_warnings(q, QPDF_TRUE)
        func check(_ code: QPDF_ERROR_CODE, _ doing: String) throws(RenderError) {
            guard code & QPDF_ERRORS != 0 else { return }
            let text = qpdf_get_error(q).flatMap { qpdf_get_error_full_text(q, $0) }.map { String(cString: $0) } ?? "unknown error"
            throw RenderError.cairo(doing: doing, status: "qpdf: \(text)")
        }
        return try pdf.withUnsafeBufferPointer { (buffer) throws(RenderError) -> [UInt8] in
            try buffer.withMemoryRebound(to: CChar.self) { (chars) throws(RenderError) -> [UInt8] in
                // qpdf reads from this buffer until cleanup, which the defer above runs after this closure.
                try check(qpdf_read_memory(q, "report.pdf", chars.baseAddress, UInt64(chars.count), nil), "read the PDF Cairo wrote")
                let root = qpdf_get_root(q)
                if let language, !language.isEmpty {
                    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, language))
                }
                let preferences = qpdf_oh_parse(q, "<< /DisplayDocTitle true >>")
                qpdf_oh_replace_key(q, root, "/ViewerPreferences", preferences)
                var figures: [qpdf_oh] = []
                collect(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), depth: 0, into: &figures)
                guard figures.count == figureAlt.count else {
                    throw RenderError.cairo(doing: "give the PDF's figures their alt text",
                                            status: "the structure tree has \(figures.count) Figure elements for \(figureAlt.count) figures")
                }
                for (element, alt) in zip(figures, figureAlt) {
                    qpdf_oh_replace_key(q, element, "/Alt", qpdf_oh_new_unicode_string(q, alt))
                }
                try check(qpdf_init_write_memory(q), "write the PDF")
                qpdf_set_decode_level(q, qpdf_dl_none)
                qpdf_set_object_stream_mode(q, qpdf_o_preserve)
                qpdf_set_deterministic_ID(q, QPDF_TRUE)
                try check(qpdf_write(q), "write the PDF")
                guard let out = qpdf_get_buffer(q) else { throw RenderError.cairo(doing: "write the PDF", status: "qpdf wrote nothing") }
                return Array(UnsafeBufferPointer(start: out, count: qpdf_get_buffer_length(q)))
            }
        }
    }

    /// The `Figure` elements under `node`, depth first in order (the structure tree's reading order). Cairo nests
    /// elements a few levels deep; 64 is far beyond any tree we write.
    private static func collect(_ q: qpdf_data, _ node: qpdf_oh, depth: Int, into out: inout [qpdf_oh]) {
        guard depth < 64 else { return }
        if qpdf_oh_is_array(q, node) == QPDF_TRUE {
            for k in 0..<qpdf_oh_get_array_n_items(q, node) { collect(q, qpdf_oh_get_array_item(q, node, k), depth: depth + 1, into: &out) }
        } else if qpdf_oh_is_dictionary(q, node) == QPDF_TRUE, qpdf_oh_has_key(q, node, "/S") == QPDF_TRUE {
            if qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/Figure") == QPDF_TRUE { out.append(node) }
            collect(q, qpdf_oh_get_key(q, node, "/K"), depth: depth + 1, into: &out)
        }
    }
}
