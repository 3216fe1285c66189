const DIABETES_CATEGORIES = ['E08', 'E09', 'E10', 'E11', 'E13'] as const;

/** One complication subcategory under every diabetes category: `diabetic('36')` → E08.36 … E13.36. */
export function diabetic(...subcategories: string[]): string[] {
  return DIABETES_CATEGORIES.flatMap((category) =>
    subcategories.map((sub) => `${category}.${sub}`),
  );
}

/** The diabetes categories themselves (E08–E13). */
export const DIABETES_CATEGORY_CODES: readonly string[] = DIABETES_CATEGORIES;
