internal import CSQLite
import Foundation

/// A read-only SQLite database: the sole owner of its `sqlite3*`. Statements hold a strong reference to it, so
/// the connection closes only after the last statement is finalized. Not Sendable.
final class SQLiteDatabase {
    fileprivate let db: OpaquePointer   // sqlite3*
    let path: String

    /// - Throws: `SQLiteError` with SQLite's message when the file cannot be opened as a database.
    init(readOnly path: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        // Returns a handle even on failure (to read the message); it must be closed either way.
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(message: message)
        }
        db = handle
        self.path = path
    }

    deinit { sqlite3_close(db) }

    /// Prepares one statement.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_finalize(stmt)
            throw SQLiteError(message: message)
        }
        return SQLiteStatement(database: self, stmt: stmt)
    }

    /// Whether a table (or view) of that name exists.
    func hasTable(_ name: String) throws(SQLiteError) -> Bool {
        let s = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")
        s.bind(1, name)
        return try s.step()
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// SQLite's own message for a failed call.
struct SQLiteError: Error { var message: String }

/// One prepared statement, finalized when released.
final class SQLiteStatement {
    private let database: SQLiteDatabase   // keeps the connection open while the statement lives
    private let stmt: OpaquePointer         // sqlite3_stmt*

    fileprivate init(database: SQLiteDatabase, stmt: OpaquePointer) {
        self.database = database
        self.stmt = stmt
    }

    deinit { sqlite3_finalize(stmt) }

    /// Binds text; SQLITE_TRANSIENT copies it.
    func bind(_ index: Int32, _ text: String) {
        sqlite3_bind_text(stmt, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }

    /// Moves to the next row: true while there is one.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(stmt) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(message: String(cString: sqlite3_errmsg(database.db)))
        }
    }

    var columnCount: Int32 { sqlite3_column_count(stmt) }
    func name(_ k: Int32) -> String { sqlite3_column_name(stmt, k).map { String(cString: $0) } ?? "" }
    func isNull(_ k: Int32) -> Bool { sqlite3_column_type(stmt, k) == SQLITE_NULL }
    func int(_ k: Int32) -> Int64 { sqlite3_column_int64(stmt, k) }
    func double(_ k: Int32) -> Double? { isNull(k) ? nil : sqlite3_column_double(stmt, k) }
    func text(_ k: Int32) -> String? {
        guard !isNull(k), let p = sqlite3_column_text(stmt, k) else { return nil }
        return String(cString: p)
    }

    /// The column's value as JSON: integers and reals as numbers, text as strings, NULL as null, blobs as a
    /// size note (attributes, not geometry).
    func value(_ k: Int32) -> JSONValueKind {
        switch sqlite3_column_type(stmt, k) {
        case SQLITE_INTEGER: .number(Double(sqlite3_column_int64(stmt, k)))
        case SQLITE_FLOAT: .number(sqlite3_column_double(stmt, k))
        case SQLITE_TEXT: .text(text(k) ?? "")
        case SQLITE_BLOB: .blob(Int(sqlite3_column_bytes(stmt, k)))
        default: .null
        }
    }

    /// Calls `body` with the column's bytes (valid only during the call); nil for NULL.
    func withBlob<R>(_ k: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard sqlite3_column_type(stmt, k) != SQLITE_NULL else { return try body(nil) }
        let p = sqlite3_column_blob(stmt, k)            // blob first, then its size (SQLite's advice)
        let count = Int(sqlite3_column_bytes(stmt, k))
        return try body(UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : count))
    }
}

/// A column value, without SQLite's types.
enum JSONValueKind {
    case null, number(Double), text(String), blob(Int)
}
