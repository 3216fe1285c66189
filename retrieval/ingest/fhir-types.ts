import { z } from 'zod';

/** Something worth telling the caller about while importing; never thrown. */
export interface IngestIssue {
  kind:
    | 'malformed-line'
    | 'not-a-resource'
    | 'unreadable-file'
    | 'invalid-resource'
    | 'invalid-record';
  message: string;
  file?: string;
  /** 1-based line number in `file`, when the issue is tied to one line. */
  line?: number;
  npi?: string;
  /** The zod path of the first failing field, dotted (e.g. `locations.0.postalCode`). */
  path?: string;
}
export type OnIssue = (issue: IngestIssue) => void;

/** Any FHIR resource as read from a file: only `resourceType` is checked. */
export const FhirResource = z.looseObject({
  resourceType: z.string().min(1),
  id: z.string().optional(),
});
export type FhirResource = z.infer<typeof FhirResource>;

export const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export const CodeableConcept = z.looseObject({
  coding: z.array(Coding).optional(),
  text: z.string().optional(),
});
export type CodeableConcept = z.infer<typeof CodeableConcept>;
export const Reference = z.looseObject({
  reference: z.string().optional(),
  display: z.string().optional(),
});
export type Reference = z.infer<typeof Reference>;

export interface Extension {
  url: string;
  extension?: Extension[] | undefined;
  valueReference?: Reference | undefined;
  valueCodeableConcept?: CodeableConcept | undefined;
  valueDecimal?: number | undefined;
  valueCode?: string | undefined;
}
export const Extension: z.ZodType<Extension> = z.looseObject({
  url: z.string(),
  get extension() {
    return z.array(Extension).optional();
  },
  valueReference: Reference.optional(),
  valueCodeableConcept: CodeableConcept.optional(),
  valueDecimal: z.number().optional(),
  valueCode: z.string().optional(),
});

const ContactPoint = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
export const Address = z.looseObject({
  extension: z.array(Extension).optional(),
  text: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
});
export type Address = z.infer<typeof Address>;
const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const HumanName = z.looseObject({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
/** FHIR `Period`: dates or dateTimes; an absent end is ongoing. */
export const Period = z.looseObject({ start: z.string().optional(), end: z.string().optional() });
export type Period = z.infer<typeof Period>;
const Meta = z.looseObject({ lastUpdated: z.string().optional() });
const base = {
  id: z.string().min(1),
  meta: Meta.optional(),
  extension: z.array(Extension).optional(),
  telecom: z.array(ContactPoint).optional(),
  endpoint: z.array(Reference).optional(),
};

export const Practitioner = z.looseObject({
  ...base,
  resourceType: z.literal('Practitioner'),
  identifier: z.array(Identifier).optional(),
  active: z.boolean().optional(),
  name: z.array(HumanName).optional(),
  address: z.array(Address).optional(),
  qualification: z
    .array(z.looseObject({ code: CodeableConcept.optional(), period: Period.optional() }))
    .optional(),
  communication: z.array(CodeableConcept).optional(),
});
export type Practitioner = z.infer<typeof Practitioner>;

export const PractitionerRole = z.looseObject({
  ...base,
  resourceType: z.literal('PractitionerRole'),
  practitioner: Reference.optional(),
  organization: Reference.optional(),
  specialty: z.array(CodeableConcept).optional(),
  location: z.array(Reference).optional(),
  healthcareService: z.array(Reference).optional(),
  /** The role's specialties count only while it lasts. */
  period: Period.optional(),
});
export type PractitionerRole = z.infer<typeof PractitionerRole>;

/** Plan-Net HealthcareService: where a service is offered, and whether it takes new patients. */
export const HealthcareService = z.looseObject({
  ...base,
  resourceType: z.literal('HealthcareService'),
  location: z.array(Reference).optional(),
});
export type HealthcareService = z.infer<typeof HealthcareService>;

export const Location = z.looseObject({
  ...base,
  resourceType: z.literal('Location'),
  name: z.string().optional(),
  address: Address.optional(),
  position: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  managingOrganization: Reference.optional(),
});
export type Location = z.infer<typeof Location>;

export const Organization = z.looseObject({
  ...base,
  resourceType: z.literal('Organization'),
  name: z.string().optional(),
  type: z.array(CodeableConcept).optional(),
});
export type Organization = z.infer<typeof Organization>;

export const InsurancePlan = z.looseObject({
  ...base,
  resourceType: z.literal('InsurancePlan'),
  name: z.string().optional(),
  ownedBy: Reference.optional(),
  network: z.array(Reference).optional(),
  plan: z.array(z.looseObject({ network: z.array(Reference).optional() })).optional(),
});
export type InsurancePlan = z.infer<typeof InsurancePlan>;

export const Endpoint = z.looseObject({
  ...base,
  resourceType: z.literal('Endpoint'),
  status: z.string().optional(),
  connectionType: Coding.optional(),
  address: z.string().optional(),
  managingOrganization: Reference.optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

/** The id a literal reference points at when it names `type` (`Type/id`, or a full URL ending so). */
export function refId(ref: Reference | undefined, type: string): string | null {
  const value = ref?.reference;
  if (!value) return null;
  const parts = value.split('/');
  const id = parts.at(-1);
  const kind = parts.at(-2);
  return kind === type && id ? id : null;
}

/** Codes from `concepts` whose coding is in `system`, in order. */
export function codesIn(
  concepts: readonly CodeableConcept[] | undefined,
  system: string,
): string[] {
  return (concepts ?? []).flatMap((c) =>
    (c.coding ?? []).filter((x) => x.system === system && x.code).map((x) => x.code as string),
  );
}
