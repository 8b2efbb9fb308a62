// Runs the suites in the order the mutation runner gives in MUTATION_SUITE_ORDER (fastest first, so that with
// --bail a mutant dies as early as it can); suites it does not name run last.
const Sequencer = require('@jest/test-sequencer').default;

class MutationSequencer extends Sequencer {
    sort(tests) {
        const order = (process.env.MUTATION_SUITE_ORDER || '').split(',').filter(Boolean);
        const rank = (test) => {
            const i = order.findIndex((suite) => test.path.endsWith(suite));
            return i === -1 ? order.length : i;
        };
        return [...tests].sort((a, b) => rank(a) - rank(b));
    }
}

module.exports = MutationSequencer;
