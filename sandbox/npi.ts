/** NPI check digits: the Luhn algorithm over the NPI prefixed with the card issuer id 80840. */
const PREFIX = '80840';

function luhnSum(digits: string, doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/** The 10th digit for a 9-digit NPI base. */
export function npiCheckDigit(base9: string): number {
  if (!/^\d{9}$/.test(base9)) throw new Error('NPI base must be 9 digits');
  return (10 - (luhnSum(PREFIX + base9, true) % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && luhnSum(PREFIX + npi, false) % 10 === 0;
}
