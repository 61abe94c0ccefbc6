import Testing
@testable import Layers

/// `CalendarDate` and the byte-level number parsing used by the importers.
@Suite struct ImportDateAndNumberTests {
    func acled(_ s: String) -> CalendarDate? {
        var s = s
        return s.withUTF8 { CalendarDate.parseACLED($0) }
    }

    func number(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { ASCIINumber.double($0) }
    }

    func integer(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { ASCIINumber.integer($0) }
    }

    @Test func acledDateForms() {
        let d = ImportFixture.day(2021, 6, 5)
        for text in ["2021-06-05", "05 June 2021", "5 June 2021", "05 Jun 2021", "05 JUNE 2021", "05-Jun-21",
                     "05-Jun-2021", "05/06/2021", "5/6/2021", " 2021-06-05 "] {
            #expect(acled(text) == d, "\(text)")
        }
        #expect(acled("30-Sept-24") == ImportFixture.day(2024, 9, 30))
        #expect(acled("01-Jan-97") == ImportFixture.day(1997, 1, 1))
        #expect(acled("01-Jan-96") == ImportFixture.day(2096, 1, 1))
        for bad in ["2021-13-45", "2021-02-29", "29 February 2021", "06/05/21", "June 5 2021", "", "2021/06/05",
                    "05 Ju 2021", "05 June 21", "31-Apr-21"] {
            #expect(acled(bad) == nil, "\(bad)")
        }
        #expect(acled("29 February 2024") == ImportFixture.day(2024, 2, 29))
    }

    @Test func calendarDateISOAndOrder() {
        #expect(CalendarDate(iso: "2023-03-14")?.iso == "2023-03-14")
        #expect(CalendarDate(iso: "2023-3-14") == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29)?.description == "2000-02-29")
        #expect(ImportFixture.day(2021, 12, 31) < ImportFixture.day(2022, 1, 1))
        #expect(ImportFixture.day(2022, 1, 2) > ImportFixture.day(2022, 1, 1))
    }

    @Test func numbers() {
        #expect(number("15.91985") == 15.91985)
        #expect(number("-0.04472") == -0.04472)
        #expect(number(" 14 ") == 14)
        #expect(number("+0.5") == 0.5)
        #expect(number("1e-3") == 0.001)
        #expect(number("0.1234567890123456789") == 0.1234567890123456789)
        for bad in ["", "-", ".", "1.2.3", "12a", "nan", "inf", "1,5"] { #expect(number(bad) == nil, "\(bad)") }
        #expect(integer("12") == 12)
        #expect(integer("-3") == -3)
        #expect(integer("12.0") == 12)
        for bad in ["", "many", "1.5", "-", ".0", "1e3"] { #expect(integer(bad) == nil, "\(bad)") }
    }

    @Test func interCodesFollowTheCodebook() {
        #expect((0...8).map { ACLEDEvent.actorType(code: $0)! } == [
            "", "State Forces", "Rebel Groups", "Political Militias", "Identity Militias", "Rioters", "Protesters",
            "Civilians", "External/Other Forces",
        ])
        #expect(ACLEDEvent.actorType(code: 9) == nil)
    }
}
