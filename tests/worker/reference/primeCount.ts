// Reference for prime-sieve on small limits: trial division, too slow for big ones but obviously right.

function isPrime(candidate: number): boolean {
    if (candidate < 2) return false;
    for (let divisor = 2; divisor * divisor <= candidate; divisor++) {
        if (candidate % divisor === 0) return false;
    }
    return true;
}

export function primeCountReference(limit: number): number {
    let count = 0;
    for (let candidate = 2; candidate < limit; candidate++) {
        if (isPrime(candidate)) count++;
    }
    return count;
}
