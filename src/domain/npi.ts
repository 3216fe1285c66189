/** NPI check digit: Luhn over the 9-digit base prefixed with the 80840 card-issuer code. */
export function npiCheckDigit(base9: string): number {
  const digits = `80840${base9}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    const d = digits[i] ?? 0;
    const v = double ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}
