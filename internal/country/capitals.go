package country

// capitals are approximate capital coordinates (latitude, longitude in
// degrees, north and east positive), rounded to 0.1°, of the countries of
// the Americas that the catalog's default regions name (Central and North
// America, the Caribbean, South America) and a few more Caribbean states.
// They are the public, well-known values (as the countries' articles in
// Wikipedia and GeoNames give them); they place a country on the site's
// schematic picture of exchanges, nothing more, so a tenth of a degree is
// plenty. Bolivia is placed at Sucre, its constitutional capital.
var capitals = map[string][2]float64{
	// Central America
	"BZ": {17.3, -88.8}, // Belmopan
	"CR": {9.9, -84.1},  // San José
	"GT": {14.6, -90.5}, // Guatemala City
	"HN": {14.1, -87.2}, // Tegucigalpa
	"NI": {12.1, -86.3}, // Managua
	"PA": {9.0, -79.5},  // Panama City
	"SV": {13.7, -89.2}, // San Salvador
	// North America
	"CA": {45.4, -75.7}, // Ottawa
	"MX": {19.4, -99.1}, // Mexico City
	"US": {38.9, -77.0}, // Washington, D.C.
	// Caribbean
	"BB": {13.1, -59.6}, // Bridgetown
	"BS": {25.1, -77.3}, // Nassau
	"CU": {23.1, -82.4}, // Havana
	"DO": {18.5, -69.9}, // Santo Domingo
	"HT": {18.5, -72.3}, // Port-au-Prince
	"JM": {18.0, -76.8}, // Kingston
	"TT": {10.7, -61.5}, // Port of Spain
	// South America
	"AR": {-34.6, -58.4}, // Buenos Aires
	"BO": {-19.0, -65.3}, // Sucre
	"BR": {-15.8, -47.9}, // Brasília
	"CL": {-33.4, -70.7}, // Santiago
	"CO": {4.7, -74.1},   // Bogotá
	"EC": {-0.2, -78.5},  // Quito
	"GY": {6.8, -58.2},   // Georgetown
	"PE": {-12.0, -77.0}, // Lima
	"PY": {-25.3, -57.6}, // Asunción
	"SR": {5.9, -55.2},   // Paramaribo
	"UY": {-34.9, -56.2}, // Montevideo
	"VE": {10.5, -66.9},  // Caracas
}

// Capital returns the approximate coordinates of a country's capital
// (canonical alpha-2 code), in degrees; ok=false for a country outside the
// table, which the site then leaves off its picture of exchanges.
func Capital(alpha2 string) (lat, lon float64, ok bool) {
	c, ok := capitals[alpha2]
	return c[0], c[1], ok
}
