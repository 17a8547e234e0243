/** Answers in progress on Discord (interactions and mentions), and the bound past which new ones are shed. */
export interface DiscordLoad {
  active: number;
  /** MAX_PENDING. */
  max: number;
  /** Requests shed so far. */
  shed: number;
}
