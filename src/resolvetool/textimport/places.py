"""The country of a city where international bodies meet, for session lines that print the city alone ("meeting
in Paris", "at its twentieth session, Paris, from 24 October ..."). The cities are the capitals of states and
the seats and usual venues of international organizations and conferences; a city not here gets no country, and
the session record says only what the text said (an import never invents a place)."""

from __future__ import annotations

_BY_COUNTRY = {
    "Afghanistan": "Kabul", "Albania": "Tirana", "Algeria": "Algiers", "Angola": "Luanda",
    "Argentina": "Buenos Aires|Mar del Plata", "Armenia": "Yerevan", "Australia": "Canberra|Sydney|Melbourne|Perth",
    "Austria": "Vienna|Salzburg|Innsbruck", "Azerbaijan": "Baku", "Bahamas": "Nassau", "Bahrain": "Manama",
    "Bangladesh": "Dhaka", "Barbados": "Bridgetown", "Belarus": "Minsk", "Belgium": "Brussels|Antwerp|Bruges",
    "Benin": "Cotonou|Porto-Novo", "Bolivia": "La Paz|Sucre", "Bosnia and Herzegovina": "Sarajevo",
    "Botswana": "Gaborone", "Brazil": "Brasilia|Brasília|Rio de Janeiro|São Paulo|Sao Paulo|Belém",
    "Bulgaria": "Sofia|Varna", "Burkina Faso": "Ouagadougou", "Burundi": "Bujumbura", "Cambodia": "Phnom Penh",
    "Cameroon": "Yaoundé|Yaounde|Douala", "Canada": "Ottawa|Montreal|Montréal|Toronto|Vancouver|Quebec|Halifax",
    "Chile": "Santiago|Valparaíso", "China": "Beijing|Shanghai|Hangzhou|Kunming", "Colombia": "Bogotá|Bogota|Cartagena|Cali",
    "Costa Rica": "San José", "Côte d'Ivoire": "Abidjan|Yamoussoukro", "Croatia": "Zagreb|Dubrovnik",
    "Cuba": "Havana", "Cyprus": "Nicosia", "Czech Republic": "Prague", "Denmark": "Copenhagen|Aarhus",
    "Dominican Republic": "Santo Domingo", "Ecuador": "Quito|Guayaquil", "Egypt": "Cairo|Alexandria|Sharm el-Sheikh",
    "El Salvador": "San Salvador", "Estonia": "Tallinn", "Ethiopia": "Addis Ababa", "Fiji": "Suva",
    "Finland": "Helsinki|Turku", "France": "Paris|Strasbourg|Lyon|Marseilles|Marseille|Nice|Bordeaux|Toulouse",
    "Gabon": "Libreville", "Gambia": "Banjul", "Georgia": "Tbilisi",
    "Germany": "Berlin|Bonn|Munich|Frankfurt|Hamburg|Cologne|Düsseldorf|Stuttgart|Dresden|Leipzig",
    "Ghana": "Accra", "Greece": "Athens|Thessaloniki", "Guatemala": "Guatemala City", "Guinea": "Conakry",
    "Haiti": "Port-au-Prince", "Honduras": "Tegucigalpa", "Hungary": "Budapest", "Iceland": "Reykjavik",
    "India": "New Delhi|Delhi|Mumbai|Bombay|Hyderabad|Bangalore|Kolkata|Calcutta|Chennai|Madras",
    "Indonesia": "Jakarta|Bali|Denpasar|Bandung", "Iran": "Tehran", "Iraq": "Baghdad", "Ireland": "Dublin",
    "Israel": "Jerusalem|Tel Aviv", "Italy": "Rome|Genoa|Milan|Florence|Naples|Turin|Venice|Trieste",
    "Jamaica": "Kingston|Montego Bay", "Japan": "Tokyo|Kyoto|Osaka|Yokohama|Nagoya|Kobe|Sendai|Hiroshima",
    "Jordan": "Amman", "Kazakhstan": "Astana|Almaty|Alma-Ata", "Kenya": "Nairobi|Mombasa", "Kuwait": "Kuwait City",
    "Kyrgyzstan": "Bishkek", "Latvia": "Riga", "Lebanon": "Beirut", "Liberia": "Monrovia", "Libya": "Tripoli",
    "Liechtenstein": "Vaduz", "Lithuania": "Vilnius", "Luxembourg": "Luxembourg", "Madagascar": "Antananarivo",
    "Malawi": "Lilongwe", "Malaysia": "Kuala Lumpur", "Mali": "Bamako", "Malta": "Valletta", "Mauritania": "Nouakchott",
    "Mauritius": "Port Louis", "Mexico": "Mexico City|Cancun|Cancún|Monterrey|Guadalajara|Acapulco",
    "Monaco": "Monaco|Monte Carlo", "Mongolia": "Ulaanbaatar|Ulan Bator", "Montenegro": "Podgorica",
    "Morocco": "Rabat|Marrakesh|Marrakech|Casablanca|Tangier", "Mozambique": "Maputo", "Myanmar": "Yangon|Rangoon",
    "Namibia": "Windhoek", "Nepal": "Kathmandu", "Netherlands": "The Hague|Amsterdam|Rotterdam|Noordwijk",
    "New Zealand": "Wellington|Auckland", "Nicaragua": "Managua", "Niger": "Niamey", "Nigeria": "Abuja|Lagos",
    "North Macedonia": "Skopje", "Norway": "Oslo|Bergen", "Oman": "Muscat", "Pakistan": "Islamabad|Karachi|Lahore",
    "Panama": "Panama City", "Paraguay": "Asunción|Asuncion", "Peru": "Lima", "Philippines": "Manila",
    "Poland": "Warsaw|Cracow|Kraków|Katowice|Poznan|Poznań", "Portugal": "Lisbon|Porto", "Qatar": "Doha",
    "Republic of Korea": "Seoul|Busan|Incheon", "Romania": "Bucharest", "Russian Federation": "Moscow|St. Petersburg",
    "Rwanda": "Kigali", "Saudi Arabia": "Riyadh|Jeddah", "Senegal": "Dakar", "Serbia": "Belgrade",
    "Singapore": "Singapore", "Slovakia": "Bratislava", "Slovenia": "Ljubljana", "South Africa": "Pretoria|Cape Town|"
    "Johannesburg|Durban", "Spain": "Madrid|Barcelona|Seville|Valencia|Malaga|Bilbao", "Sri Lanka": "Colombo",
    "Sudan": "Khartoum", "Sweden": "Stockholm|Gothenburg|Uppsala", "Switzerland": "Geneva|Bern|Berne|Lausanne|Basel|"
    "Zurich|Lucerne|Montreux|Davos", "Syrian Arab Republic": "Damascus", "Thailand": "Bangkok",
    "Tunisia": "Tunis|Hammamet", "Turkey": "Ankara|Istanbul|Antalya", "Uganda": "Kampala|Entebbe",
    "Ukraine": "Kyiv|Kiev", "United Arab Emirates": "Abu Dhabi|Dubai",
    "United Kingdom": "London|Edinburgh|Manchester|Glasgow|Cambridge|Oxford|Brighton",
    "United Republic of Tanzania": "Dar es Salaam|Dodoma|Arusha",
    "United States of America": "New York|Washington|Washington, D.C.|San Francisco|Chicago|Philadelphia|Boston|"
    "Los Angeles|Atlanta|Houston|Seattle|Miami|Bretton Woods|Lake Success", "Uruguay": "Montevideo|Punta del Este",
    "Uzbekistan": "Tashkent|Samarkand", "Venezuela": "Caracas", "Viet Nam": "Hanoi|Ho Chi Minh City",
    "Yemen": "Sana'a", "Zambia": "Lusaka", "Zimbabwe": "Harare",
}

CITY_COUNTRY: dict[str, str] = {city: country for country, cities in _BY_COUNTRY.items() for city in cities.split("|")}


# States that held these cities before they were the states above: (country now, before year) -> then.
_BEFORE = {("Serbia", 1992): "Yugoslavia", ("Croatia", 1991): "Yugoslavia", ("Slovenia", 1991): "Yugoslavia",
           ("Bosnia and Herzegovina", 1992): "Yugoslavia", ("North Macedonia", 1991): "Yugoslavia",
           ("Russian Federation", 1992): "Union of Soviet Socialist Republics",
           ("Ukraine", 1992): "Union of Soviet Socialist Republics", ("Belarus", 1992): "Union of Soviet Socialist "
           "Republics", ("Georgia", 1992): "Union of Soviet Socialist Republics", ("Kazakhstan", 1992): "Union of "
           "Soviet Socialist Republics", ("Uzbekistan", 1992): "Union of Soviet Socialist Republics",
           ("Czech Republic", 1993): "Czechoslovakia", ("Slovakia", 1993): "Czechoslovakia"}


def country_of(city: str, year: int | None = None) -> str | None:
    """The country of a meeting city as printed ("Paris" -> "France"; "Belgrade" in 1980 -> "Yugoslavia"), or
    None when it is not known here."""
    country = CITY_COUNTRY.get(" ".join(city.split()))
    if country is None or year is None:
        return country
    return next((then for (now, until), then in _BEFORE.items() if now == country and year < until), country)
