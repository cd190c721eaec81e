/**
 * Staff roles and what each may reach. One table, read by every page and API route guard:
 *
 * | role | may use |
 * | --- | --- |
 * | `thong-ke` | statistics, outreach (announcements, events, follow-up, FAQ), reports |
 * | `du-lieu` | publishing the Labour Office's data (`/dashboard/du-lieu`) |
 * | `quan-tri` | everything, accounts and the audit log included |
 */
export const STAFF_ROLES = ["thong-ke", "du-lieu", "quan-tri"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The parts of the dashboard a route belongs to. */
export type StaffArea = "statistics" | "labour-data" | "admin";

const AREA_ROLES: Record<StaffArea, readonly StaffRole[]> = {
  statistics: ["thong-ke", "quan-tri"],
  "labour-data": ["du-lieu", "quan-tri"],
  admin: ["quan-tri"],
};

/** Who is asking: the account name and its role. */
export interface StaffIdentity {
  user: string;
  role: StaffRole;
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function mayUse(role: StaffRole, area: StaffArea): boolean {
  return AREA_ROLES[area].includes(role);
}

/** The page a role lands on after signing in. */
export function homeOf(role: StaffRole): string {
  return role === "du-lieu" ? "/dashboard/du-lieu" : "/dashboard";
}
