import type { ProfileId } from './enums';

/** A business profile: which categories a branch offers and how its fields are labelled. Data, not code. */
export interface BusinessProfile {
  id: ProfileId;
  /** i18n key of the business reference label (当票号, 运单号, 订单/合同号 …). */
  businessRefLabel: string;
  /** i18n key of the address label (地址, or 楼栋/单元/房号 for property offices). */
  addressLabel: string;
  /** Category ids; labels are `category.<id>` in the catalogs. */
  categories: readonly string[];
}

export const PROFILES: Readonly<Record<ProfileId, BusinessProfile>> = {
  general: {
    id: 'general',
    businessRefLabel: 'field.businessRef.general',
    addressLabel: 'field.address.general',
    categories: ['product_quality', 'service_attitude', 'operation_error', 'delivery_delay', 'price_dispute', 'not_responsible', 'other'],
  },
  pawnshop: {
    id: 'pawnshop',
    businessRefLabel: 'field.businessRef.pawnshop',
    addressLabel: 'field.address.general',
    categories: ['appraisal', 'fees_interest', 'redemption', 'collateral_custody', 'service_attitude', 'operation_error', 'other'],
  },
  courier: {
    id: 'courier',
    businessRefLabel: 'field.businessRef.courier',
    addressLabel: 'field.address.general',
    categories: ['pickup', 'lost_damaged', 'delivery_delay', 'service_attitude', 'price_dispute', 'other'],
  },
  property: {
    id: 'property',
    businessRefLabel: 'field.businessRef.property',
    addressLabel: 'field.address.property',
    categories: ['engineering_quality', 'service_attitude', 'operation_error', 'price_dispute', 'not_responsible', 'other'],
  },
};
