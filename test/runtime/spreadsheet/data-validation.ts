/**
 * SpreadsheetApp.newDataValidation() builder and the DataValidation objects cells
 * return. Builders never touch the spreadsheet, so they are not counted. Rules are
 * stored, not enforced: writes from a script are not rejected by data validation
 * (only people typing in the UI are).
 */
import type { ValidationSpec } from './model';

/** SpreadsheetApp.DataValidationCriteria, the subset a sheet-bound app uses plus common ones. */
export const DataValidationCriteria = {
  CHECKBOX: 'CHECKBOX',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

/** The DataValidation object (read side). */
export class FakeDataValidation {
  constructor(private readonly spec: ValidationSpec) {}

  getCriteriaType(): string {
    return this.spec.criteriaType;
  }

  getCriteriaValues(): unknown[] {
    return this.spec.criteriaValues.map((v) => (Array.isArray(v) ? [...v] : v));
  }

  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }

  getHelpText(): string | null {
    return this.spec.helpText === '' ? null : this.spec.helpText;
  }

  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder({
      ...this.spec,
      criteriaValues: this.getCriteriaValues(),
    });
  }

  /** Internal: the stored spec (used when a rule is set on cells). */
  toSpec(): ValidationSpec {
    return { ...this.spec, criteriaValues: this.getCriteriaValues() };
  }
}

/** The DataValidationBuilder. */
export class FakeDataValidationBuilder {
  private spec: ValidationSpec;

  constructor(spec?: ValidationSpec) {
    this.spec = spec ?? { criteriaType: '', criteriaValues: [], allowInvalid: true, helpText: '' };
  }

  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    const values =
      checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this.criteria(DataValidationCriteria.CHECKBOX, values);
  }

  /** Apps Script default: showDropdown true. Criteria values are [values, showDropdown]. */
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    return this.criteria(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }

  requireNumberBetween(start: number, end: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }

  requireNumberGreaterThan(n: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_GREATER_THAN, [n]);
  }

  requireTextIsEmail(): this {
    return this.criteria(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }

  requireDate(): this {
    return this.criteria(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }

  requireFormulaSatisfied(formula: string): this {
    return this.criteria(DataValidationCriteria.CUSTOM_FORMULA, [formula]);
  }

  withCriteria(criteria: string, args: unknown[]): this {
    return this.criteria(criteria, args);
  }

  setAllowInvalid(allow: boolean): this {
    this.spec = { ...this.spec, allowInvalid: allow };
    return this;
  }

  setHelpText(text: string): this {
    this.spec = { ...this.spec, helpText: text };
    return this;
  }

  getCriteriaType(): string {
    return this.spec.criteriaType;
  }

  getCriteriaValues(): unknown[] {
    return [...this.spec.criteriaValues];
  }

  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }

  getHelpText(): string | null {
    return this.spec.helpText === '' ? null : this.spec.helpText;
  }

  /** Apps Script refuses to build a rule without criteria. */
  build(): FakeDataValidation {
    if (!this.spec.criteriaType) throw new Error('You must specify a data validation criteria.');
    return new FakeDataValidation({ ...this.spec, criteriaValues: [...this.spec.criteriaValues] });
  }

  private criteria(type: string, values: unknown[]): this {
    this.spec = { ...this.spec, criteriaType: type, criteriaValues: values };
    return this;
  }
}
