/** A geographic point [longitude, latitude] to its place in the chart, in CSS pixels (none when off the map). */
export type GeoProjection = (coord: readonly [number, number]) => readonly [number, number] | undefined;
