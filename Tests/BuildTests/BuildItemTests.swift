import Layers
import Testing
@testable import Build

@Suite struct BuildItemTests {
    /// Periods cover the range, clipped at both ends, named for outputs and titles.
    @Test func periodsOfARange() throws {
        let from = try #require(PartialDate("2020-11-15")), to = try #require(PartialDate("2021-07"))
        let quarters = Period.periods(.quarter, from: from, to: to)
        #expect(quarters.map(\.id) == ["2020-Q4", "2021-Q1", "2021-Q2", "2021-Q3"])
        #expect(quarters.map(\.words) == ["Q4 2020", "Q1 2021", "Q2 2021", "Q3 2021"])
        #expect(quarters.first.map { "\($0.first)…\($0.last)" } == "2020-11-15…2020-12-31")
        #expect(quarters.last.map { "\($0.first)…\($0.last)" } == "2021-07-01…2021-07-31")
        let months = Period.periods(.month, from: try #require(PartialDate("2020-02")), to: try #require(PartialDate("2020-03")))
        #expect(months.map(\.id) == ["2020-02", "2020-03"] && months.map(\.words) == ["February 2020", "March 2020"])
        #expect(months[0].last.description == "2020-02-29")
        #expect(Period.periods(.year, from: try #require(PartialDate("2019")), to: try #require(PartialDate("2021"))).map(\.id) == ["2019", "2020", "2021"])
        #expect(Period.periods(.year, from: try #require(PartialDate("2022")), to: try #require(PartialDate("2021"))).isEmpty)
    }

    /// The report scan finds figures (inline and by reference), fenced blocks' sources and the front matter's
    /// theme and date, and leaves URLs, anchors and code out.
    @Test func reportScanFindsFiguresSourcesAndFrontMatter() {
        let scan = ReportScan("""
            ---
            title: T
            theme: "../styles/print.yaml"   # for paper
            as-of: 2021-12-31
            ---
            Text with a [link](https://example.org/x.png) and [a section](#sources).

            ![Caption [with brackets]](../Maps/a.yaml){width=full}
            ![Photo][p]

            [p]: <img/photo.jpg>

            ```table
            source: builtin:massacres
            columns: [date]
            ```

            ~~~chart
            source: '../Maps/data/events.csv'
            ~~~

            ```
            ![Not a figure](../Maps/in-code.yaml)
            ```
            """)
        #expect(scan.figures == ["../Maps/a.yaml", "img/photo.jpg"])
        #expect(scan.sources == ["builtin:massacres", "../Maps/data/events.csv"])
        #expect(scan.theme == "../styles/print.yaml" && scan.asOf == "2021-12-31")
    }

    @Test func labels() {
        func item(_ kind: BuildItem.Kind) -> BuildItem { BuildItem(key: "k", file: "f", kind: kind) }
        #expect(Builder.label([item(.report)]) == "1 report")
        #expect(Builder.label([item(.failed("x")), item(.report), item(.atlasPDF(path: "a.pdf", pages: []))]) == "1 maps, 1 atlas PDF, 1 report")
        #expect(Builder.label([item(.failed("x"))], singular: true) == "1 map")
        #expect(Builder.untemplated("{name}, Niger") == "Niger" && Builder.untemplated("Liptako-Gourma, {period}") == "Liptako-Gourma")
    }
}
