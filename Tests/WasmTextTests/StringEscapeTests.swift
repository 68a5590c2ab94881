import Testing
@testable import WasmText

/// String literals decode every escape of the text format to bytes.
struct StringEscapeTests {
    private func decode(_ literal: String) throws -> [UInt8] {
        let tokens = try Lexer.tokenize(Array(literal.utf8))
        guard case .string(let bytes) = tokens[0].kind else {
            Issue.record("\(literal) is not a string token")
            return []
        }
        return bytes
    }

    @Test func simpleEscapes() throws {
        #expect(try decode(#""\n\t\r\\\'\"""#) == [0x0A, 0x09, 0x0D, 0x5C, 0x27, 0x22])
    }

    @Test func hexadecimalByteEscapes() throws {
        #expect(try decode(#""\00\ff\7F\aB""#) == [0x00, 0xFF, 0x7F, 0xAB])
    }

    @Test func unicodeEscapesAreUTF8() throws {
        #expect(try decode(#""\u{41}\u{e9}\u{20AC}\u{10FFFF}\u{1_F600}""#)
            == [0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF4, 0x8F, 0xBF, 0xBF, 0xF0, 0x9F, 0x98, 0x80])
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try decode("\"Modül\"") == Array("Modül".utf8))
    }

    @Test(arguments: [#""\q""#, #""\u{110000}""#, #""\u{D800}""#, #""\u{}""#, #""\u41""#, #""\4""#, "\"a\u{01}b\""])
    func illegalEscapesAndControlCharacters(literal: String) {
        #expect(throws: TextError.self) { try decode(literal) }
    }

    @Test func unclosedStrings() {
        for literal in ["\"abc", "\"abc\ndef\"", #""abc\""#] {
            do {
                _ = try Lexer.tokenize(Array(literal.utf8))
                Issue.record("\(literal) must not lex")
            } catch {
                #expect(error.message == "unclosed string")
            }
        }
    }

    @Test func dataSegmentsCarryTheDecodedBytes() throws {
        let bytes = try parseWAT(#"(memory 1) (data (i32.const 0) "\u{1F600}" "\00" "x")"#)
        #expect(Array(bytes.suffix(7)) == [0x06, 0xF0, 0x9F, 0x98, 0x80, 0x00, 0x78])
    }

    @Test func quotedIdentifiersAreStringsToo() throws {
        let a = try parseWAT(#"(func $"\41B" (call $AB))"#)
        let b = try parseWAT(#"(func $AB (call $"A\u{42}"))"#)
        #expect(a == b)
    }
}
