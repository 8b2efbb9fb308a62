// What the host must know about a module before it runs any of it: what it imports, which memories and tables it
// defines, and which functions it exports. Read straight from the binary: Node's WebAssembly API does not report
// the limits of a memory import at all, and listing exports with it means compiling, which belongs in the
// sandbox thread. The executor reads only bytes the engine has validated; the reader still never reads past the end.

/** Limits as the module declares them: 64 KiB pages for a memory, elements for a table. */
export interface Limits {
    minimum: number;
    maximum: number | null;
    shared: boolean;
    is64: boolean;
}

export type ImportKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

export interface ModuleImport {
    module: string;
    name: string;
    kind: ImportKind;
    /** Set for memory imports. */
    limits?: Limits;
}

export interface ModuleLayout {
    imports: ModuleImport[];
    definedMemories: Limits[];
    definedTables: Limits[];
    exportedFunctions: string[];
}

/** The bytes are not a WebAssembly binary this reader can walk. */
export class MalformedModuleError extends Error {}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const IMPORT_SECTION = 2;
const TABLE_SECTION = 4;
const MEMORY_SECTION = 5;
const EXPORT_SECTION = 7;
const IMPORT_KINDS: readonly ImportKind[] = ['function', 'table', 'memory', 'global', 'tag'];
const FUNCTION_EXPORT = 0;
/** Names are UTF-8; like Buffer's decoding, a bad sequence reads as U+FFFD rather than failing. */
const UTF8 = new TextDecoder('utf-8');

export function readModuleLayout(bytes: Uint8Array): ModuleLayout {
    if (bytes.length < HEADER.length || HEADER.some((byte, i) => bytes[i] !== byte)) {
        throw new MalformedModuleError('not a WebAssembly binary (magic number and version 1)');
    }
    const layout: ModuleLayout = { imports: [], definedMemories: [], definedTables: [], exportedFunctions: [] };
    const reader = new ByteReader(bytes, HEADER.length, bytes.length);
    while (!reader.atEnd()) {
        const id = reader.byte();
        const size = reader.u32();
        const section = reader.take(size);
        switch (id) {
            case IMPORT_SECTION:
                layout.imports = section.vector(readImport);
                break;
            case TABLE_SECTION:
                layout.definedTables = section.vector(readTableType);
                break;
            case MEMORY_SECTION:
                layout.definedMemories = section.vector(readLimits);
                break;
            case EXPORT_SECTION:
                layout.exportedFunctions = readExportedFunctions(section);
                break;
            default:
                continue;
        }
        if (!section.atEnd()) {
            throw new MalformedModuleError(`section ${id} is longer than its entries`);
        }
    }
    return layout;
}

function readImport(reader: ByteReader): ModuleImport {
    const module = reader.name();
    const name = reader.name();
    const kindByte = reader.byte();
    const kind = IMPORT_KINDS[kindByte];
    switch (kind) {
        case 'function':
            reader.u32();
            return { module, name, kind };
        case 'table':
            readTableType(reader);
            return { module, name, kind };
        case 'memory':
            return { module, name, kind, limits: readLimits(reader) };
        case 'global':
            reader.byte();
            reader.byte();
            return { module, name, kind };
        case 'tag':
            reader.byte();
            reader.u32();
            return { module, name, kind };
        default:
            throw new MalformedModuleError(`import ${module}.${name} has unknown kind ${kindByte}`);
    }
}

function readTableType(reader: ByteReader): Limits {
    reader.byte();
    return readLimits(reader);
}

function readLimits(reader: ByteReader): Limits {
    const flags = reader.byte();
    if (flags > 0x07) {
        throw new MalformedModuleError(`unknown limits flags 0x${flags.toString(16)}`);
    }
    const is64 = (flags & 0x04) !== 0;
    const minimum = is64 ? reader.u64() : reader.u32();
    const maximum = flags & 0x01 ? (is64 ? reader.u64() : reader.u32()) : null;
    return { minimum, maximum, shared: (flags & 0x02) !== 0, is64 };
}

function readExportedFunctions(reader: ByteReader): string[] {
    return reader
        .vector((entry) => {
            const name = entry.name();
            const kind = entry.byte();
            entry.u32();
            return { name, kind };
        })
        .filter(({ kind }) => kind === FUNCTION_EXPORT)
        .map(({ name }) => name);
}

/** A cursor over [start, end) of the bytes that refuses to read past end. */
class ByteReader {
    constructor(
        private readonly bytes: Uint8Array,
        private position: number,
        private readonly end: number,
    ) {}

    atEnd(): boolean {
        return this.position >= this.end;
    }

    byte(): number {
        if (this.position >= this.end) {
            throw new MalformedModuleError(`unexpected end at byte ${this.position}`);
        }
        return this.bytes[this.position++];
    }

    u32(): number {
        return this.unsignedLeb(5, 0xffff_ffff);
    }

    /** Only ever compared with a cap, so precision above 2^53 does not matter. */
    u64(): number {
        return this.unsignedLeb(10, Number.MAX_VALUE);
    }

    take(length: number): ByteReader {
        if (length > this.end - this.position) {
            throw new MalformedModuleError(`a section of ${length} bytes runs past the end at byte ${this.position}`);
        }
        const part = new ByteReader(this.bytes, this.position, this.position + length);
        this.position += length;
        return part;
    }

    name(): string {
        const length = this.u32();
        const start = this.position;
        this.take(length);
        return UTF8.decode(this.bytes.subarray(start, start + length));
    }

    vector<T>(readItem: (reader: ByteReader) => T): T[] {
        const count = this.u32();
        const items: T[] = [];
        for (let i = 0; i < count; i++) {
            items.push(readItem(this));
        }
        return items;
    }

    private unsignedLeb(maxBytes: number, maxValue: number): number {
        let value = 0;
        for (let i = 0; i < maxBytes; i++) {
            const byte = this.byte();
            value += (byte & 0x7f) * 2 ** (7 * i);
            if ((byte & 0x80) === 0) {
                if (value > maxValue) throw new MalformedModuleError(`LEB128 value ${value} is out of range`);
                return value;
            }
        }
        throw new MalformedModuleError(`LEB128 number longer than ${maxBytes} bytes`);
    }
}
