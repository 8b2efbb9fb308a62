// HTTP/1.1 as a careless or hostile client writes it: broken request lines and headers, lying or contradictory
// framing, truncation, pipelining into garbage, bytes that are not text. As raw bytes for a raw socket.
import fc from 'fast-check';
import { garbageBytes } from './malformedParts';

const CRLF = '\r\n';

/** `paths`: real request targets; `token`: a valid session, so some broken requests get past authentication. */
export function brokenHttp(paths: string[], token: string): fc.Arbitrary<Buffer> {
    const path = fc.constantFrom(...paths);
    const auth = `Authorization: Bearer ${token}`;
    const head = (requestLine: string, headers: string[]) => [requestLine, 'Host: localhost', ...headers].join(CRLF) + CRLF + CRLF;
    const post = (target: string, headers: string[], body: string) =>
        head(`POST ${target} HTTP/1.1`, [auth, 'Content-Type: application/json', ...headers]) + body;

    const badRequestLine = fc
        .tuple(
            fc.constantFrom('GET', 'POST', 'G ET', '', 'GET\u0000', 'get', 'PURGE', 'GET GET'),
            fc.oneof(path, fc.constantFrom('*', '', 'http://[::1', '/\u007f', ' /', '//', '/%', '/../../etc/passwd')),
            fc.constantFrom('HTTP/1.1', 'HTTP/9.9', 'HTTP/1', 'http/1.1', '', 'HTTP/1.1 extra', 'HTTP/2.0'),
        )
        .map(([method, target, version]) => Buffer.from(`${method} ${target} ${version}${CRLF}Host: localhost${CRLF}${CRLF}`, 'latin1'));

    const badHeader = fc.tuple(
        path,
        fc.constantFrom(
            'NoColonHere',
            'Bad Name: value',
            ': no-name',
            'X-Nul: a\u0000b',
            'X-Cr: a\rb',
            ' folded: continuation',
            `X-Long: ${'a'.repeat(20_000)}`,
            'Host: second.example',
            `${auth}x${CRLF}Authorization: Bearer forged`,
            'X-Latin1: \u00ff\u00fe',
            'Content-Length: 1\r\nContent-Length: 2',
            'Content-Length: -1',
            'Content-Length: abc',
            'Content-Length: 99999999999999999999',
            'Transfer-Encoding: chunked\r\nContent-Length: 4',
            'Transfer-Encoding: gzip',
            'Expect: 100-continue',
            'Expect: teapot',
        ),
    ).map(([target, header]) => Buffer.from(`GET ${target} HTTP/1.1${CRLF}Host: localhost${CRLF}${header}${CRLF}${CRLF}`, 'latin1'));

    const framing = fc
        .tuple(
            path,
            fc.constantFrom<[string[], string]>(
                [['Content-Length: 500'], '{"device_id":'],
                [['Content-Length: 2'], '{}GARBAGE-THAT-FOLLOWS'],
                [['Transfer-Encoding: chunked'], `zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`],
                [['Transfer-Encoding: chunked'], `2${CRLF}{}${CRLF}`],
                [['Transfer-Encoding: chunked'], `ffffffffffffffff${CRLF}{}${CRLF}`],
                [['Transfer-Encoding: chunked'], `2;ext="${CRLF}{}${CRLF}0${CRLF}${CRLF}`],
                [['Expect: 100-continue', 'Content-Length: 10'], ''],
            ),
        )
        .map(([target, [headers, body]]) => Buffer.from(post(target, headers, body), 'latin1'));

    const nonText = fc
        .tuple(path, fc.constantFrom([0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x00]))
        .map(([target, bytes]) =>
            Buffer.concat([Buffer.from(`GET ${target}/`), Buffer.from(bytes), Buffer.from(head(' HTTP/1.1', [auth]))]),
        );

    const missingHost = fc
        .tuple(path, fc.constantFrom('HTTP/1.0', 'HTTP/1.1'))
        .map(([target, version]) => Buffer.from(`GET ${target} ${version}${CRLF}${auth}${CRLF}${CRLF}`));

    const truncated = fc
        .tuple(path, fc.double({ min: 0.05, max: 0.95, noNaN: true }))
        .map(([target, share]) => {
            const whole = Buffer.from(post(target, ['Content-Length: 30'], '{"device_id":"x","output":[1]}'));
            return whole.subarray(0, Math.floor(whole.length * share));
        });

    const pipelinedIntoGarbage = fc
        .tuple(path, garbageBytes)
        .map(([target, garbage]) => Buffer.concat([Buffer.from(head(`GET ${target} HTTP/1.1`, [auth])), garbage]));

    return fc.oneof(garbageBytes, badRequestLine, badHeader, framing, nonText, missingHost, truncated, pipelinedIntoGarbage);
}
