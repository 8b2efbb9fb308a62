// Store calls are promises now: one called without `await` (or `void`, or a `.then/.catch`) runs unordered with
// the transaction around it, or after its COMMIT, and the compiler says nothing. This walks the service's source
// with the type checker and names every statement that drops a promise.
import { dirname, join, relative } from 'path';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');

function floatingPromises(): string[] {
    const configPath = join(ROOT, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
    const files = parsed.fileNames.filter((f) => f.includes('/backend/src/'));
    const program = ts.createProgram(files, parsed.options);
    const checker = program.getTypeChecker();
    const found: string[] = [];
    for (const source of program.getSourceFiles()) {
        if (!source.fileName.includes('/backend/src/')) continue;
        const visit = (node: ts.Node) => {
            if (ts.isExpressionStatement(node)) {
                const expression = node.expression;
                const dropped = !ts.isVoidExpression(expression) && !ts.isAwaitExpression(expression) && !isHandled(expression);
                if (dropped && isPromise(checker.getTypeAtLocation(expression))) {
                    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
                    found.push(`${relative(ROOT, source.fileName)}:${line + 1}: ${node.getText().slice(0, 80)}`);
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return found;
}

/** `p.then(…)`, `p.catch(…)`, `p.finally(…)` are handled on purpose; a promise assigned is kept to await later. */
function isHandled(expression: ts.Expression): boolean {
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && expression.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
    return (
        ts.isCallExpression(expression) &&
        ts.isPropertyAccessExpression(expression.expression) &&
        ['then', 'catch', 'finally'].includes(expression.expression.name.text)
    );
}

function isPromise(type: ts.Type): boolean {
    if (type.isUnion()) return type.types.some(isPromise);
    return type.getSymbol()?.getName() === 'Promise';
}

test('no statement in backend/src drops a promise', () => {
    expect(floatingPromises()).toEqual([]);
}, 120_000);
