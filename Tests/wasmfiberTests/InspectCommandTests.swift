import Testing
import WasmFormat
import WasmText
@testable import wasmfiber

/// `wasmfiber inspect`: section scanning, the report's blocks, and the tool as a process.
struct InspectCommandTests {
    /// A module with something in every block `inspect` prints.
    static let everything = """
        (module $everything
          (rec
            (type $point (sub (struct (field $x (mut i32)) (field $y i8))))
            (type $point3 (sub final $point (struct (field (mut i32)) (field i8) (field f64)))))
          (type $bytes (array (mut i8)))
          (type $fn (func (param i32 i64) (result f32)))
          (type $k (cont $fn))
          (import "env" "table" (table $imported 1 funcref))
          (import "env" "f" (func $imported_f (type $fn)))
          (table $own 2 10 externref)
          (memory $mem 1 2)
          (global $g (mut i64) (i64.const -5))
          (tag $oops (param i32))
          (func $start)
          (func $second (type $fn) (f32.const 1.5))
          (export "second" (func $second))
          (export "g" (global $g))
          (elem (i32.const 0) func $start $second)
          (elem declare func $start)
          (data (i32.const 8) "hi\\00")
          (data "passive")
          (start $start)
          (@custom "extra" "payload"))
        """

    private func inspection(_ wat: String) throws -> String {
        let module = try decodeModule(try parseWAT(wat))
        return ModuleInspection(module, limit: 0).render(path: "m.wasm")
    }

    @Test func sectionHeadersAreFoundWithOffsetsSizesAndCounts() {
        // header, type section (1 type), custom "ab" (payload "xy"), function section (1 function)
        let bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0]
            + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]
            + [0x00, 0x05, 0x02, 0x61, 0x62, 0x78, 0x79]
            + [0x03, 0x02, 0x01, 0x00]
        #expect(scanSections(bytes) == [
            SectionHeader(id: 1, offset: 8, payloadOffset: 10, size: 4, customName: nil, count: 1),
            SectionHeader(id: 0, offset: 14, payloadOffset: 16, size: 5, customName: "ab", count: nil),
            SectionHeader(id: 3, offset: 21, payloadOffset: 23, size: 2, customName: nil, count: 1),
        ])
    }

    @Test func scanningStopsAtTheFirstBrokenHeader() {
        #expect(scanSections(Samples.truncated).isEmpty)
        #expect(scanSections(Samples.badMagic).isEmpty)
        #expect(scanSections([0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 0x01]).isEmpty)
    }

    @Test func nameMapsDecodeLeniently() {
        let bytes: [UInt8] = [0x02, 0x00, 0x01, 0x61, 0x05, 0x03]  // two entries claimed, the second cut short
        #expect(decodeNameMap(bytes[...], in: bytes) == [0: "a"])
    }

    @Test func typesPrintAsText() throws {
        let text = try inspection(Self.everything)
        #expect(text.contains("types: 7 in 6 rec groups"))
        #expect(text.contains("  rec (types 0–1)"))
        #expect(text.contains("    type 0 $point: (sub (struct (field (mut i32)) (field i8)))"))
        #expect(text.contains("    type 1 $point3: (sub final 0 (struct (field (mut i32)) (field i8) (field f64)))"))
        #expect(text.contains("  type 2 $bytes: (array (mut i8))"))
        #expect(text.contains("  type 3 $fn: (func (param i32 i64) (result f32))"))
        #expect(text.contains("  type 4 $k: (cont 3)"))
        #expect(text.contains("  type 6: (func)"))
    }

    @Test func importsAndDefinitionsAreNumberedInTheirIndexSpaces() throws {
        let text = try inspection(Self.everything)
        #expect(text.contains("imports: 2"))
        #expect(text.contains(#"  "env" "table" table 0 $imported: funcref 1.."#))
        #expect(text.contains(#"  "env" "f" func 0 $imported_f: type 3 [i32 i64] -> [f32]"#))
        #expect(text.contains("functions: 3 (1 imported, 2 defined)"))
        #expect(text.contains("  func 1 $start: type 6 [] -> [], 0 locals, 1 byte of code at "))
        #expect(text.contains("  func 2 $second: type 3 [i32 i64] -> [f32]"))
        #expect(text.contains("tables: 1 defined (after 1 imported)"))
        #expect(text.contains("  table 1 $own: externref 2..10"))
        #expect(text.contains("  memory 0 $mem: 1..2 pages"))
        #expect(text.contains("  global 0 $g: (mut i64) = (i64.const -5)"))
        #expect(text.contains("  tag 0 $oops: type 5 [i32] -> []"))
    }

    @Test func exportsStartSegmentsAndCustomSectionsAreSummarized() throws {
        let text = try inspection(Self.everything)
        #expect(text.contains(#"  "second": func 2 $second"#))
        #expect(text.contains(#"  "g": global 0 $g"#))
        #expect(text.contains("start: func 1 $start"))
        #expect(text.contains("  elem 0: active table 0 at (i32.const 0), 2 × (ref func): functions 1 2"))
        #expect(text.contains("  elem 1: declarative, 1 × (ref func): functions 1"))
        #expect(text.contains(#"  data 0: active memory 0 at (i32.const 8), 3 bytes "hi\00""#))
        #expect(text.contains(#"  data 1: passive, 7 bytes "passive""#))
        #expect(text.contains(#"  "extra": 7 bytes of payload"#))
        #expect(text.contains(#"  "name": "#))
    }

    @Test func theNameSectionIsShown() throws {
        let text = try inspection(Self.everything)
        #expect(text.contains("name section:"))
        #expect(text.contains("  module: $everything"))
        #expect(text.contains("  function names: 3"))
        #expect(text.contains("    func 2: $second"))
    }

    @Test func longListsAreCutAtTheLimit() throws {
        let wat = "(module " + String(repeating: "(func) ", count: 12) + ")"
        let module = try decodeModule(try parseWAT(wat))
        let text = ModuleInspection(module, limit: 5).render(path: "m.wasm")
        #expect(text.contains("functions: 12 (0 imported, 12 defined)"))
        #expect(text.contains("  func 4: "))
        #expect(!text.contains("  func 5: "))
        #expect(text.contains("  … 7 more defined functions (--limit 0 lists all)"))
    }

    @Test func theSectionTableMatchesTheDecodersOffsets() throws {
        let module = try decodeModule(try parseWAT(Self.everything))
        let sections = scanSections(module.bytes)
        #expect(sections.map(\.id) == [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 10, 11, 0, 0])
        let customOffsets = sections.filter { $0.id == 0 }.map(\.offset)
        #expect(customOffsets == module.customSections.map(\.offset))
        #expect(sections.last.map { $0.payloadOffset + $0.size } == module.bytes.count)
    }

    // MARK: The tool

    @Test func toolInspectsTextAndBinary() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let text = try fixtures.write("everything.wat", text: Self.everything)
        let binary = try fixtures.write("everything.wasm", compiling: Self.everything)
        guard let fromText = try CLI.run(["inspect", text]), let fromBinary = try CLI.run(["inspect", binary]) else { return }
        #expect(fromText.status == 0 && fromBinary.status == 0, "\(fromText) \(fromBinary)")
        #expect(fromText.lines.first?.hasSuffix("(compiled from text), 14 sections") == true, "\(fromText.lines.first ?? "")")
        #expect(fromText.lines.dropFirst() == fromBinary.lines.dropFirst())
        #expect(fromBinary.stdout.contains("  module: $everything"))
    }

    @Test func toolListsReadableSectionsOfAMalformedModuleAndFails() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        var bytes = try parseWAT(Samples.valid)
        bytes.append(0x0E)  // a section id that does not exist, after the last section
        let path = try fixtures.write("broken.wasm", bytes)
        guard let result = try CLI.run(["inspect", path]) else { return }
        #expect(result.exited && result.status == 1, "\(result)")
        #expect(result.lines.first == "sections:")
        #expect(result.lines.last?.hasPrefix("\(path): invalid: malformed section id (at byte offset \(bytes.count - 1))") == true, "\(result)")
    }

    @Test func toolNamesAMissingFile() throws {
        guard let result = try CLI.run(["inspect", "/nonexistent/module.wasm"]) else { return }
        #expect(result.exited && result.status == 1, "\(result)")
        #expect(result.stdout == "/nonexistent/module.wasm: error: cannot read file: No such file or directory\n")
    }

    @Test func toolRejectsANegativeLimit() throws {
        guard let result = try CLI.run(["inspect", "--limit", "-1", "m.wasm"]) else { return }
        #expect(result.exited && result.status == 64, "\(result)")
    }
}
