package sandbox

// The raw material of the demo's leads: invented people and companies in
// English- and Spanish-speaking markets. Domains end in .example, phone
// numbers sit in ranges kept for fiction where countries have them.

type demoCompany struct {
	name, country, segment string
}

var demoCompanies = []demoCompany{
	{"Grupo Andino Logística", "CO", "Enterprise"},
	{"Transportes Levante", "ES", "Mid-Market"},
	{"Hospital San Rafael", "ES", "Enterprise"},
	{"Cervecería del Norte", "MX", "Mid-Market"},
	{"Agroindustrias Pampa", "AR", "Mid-Market"},
	{"Constructora Meridiano", "MX", "Enterprise"},
	{"Textiles Albora", "ES", "SMB"},
	{"Seguros Atalaya", "ES", "Enterprise"},
	{"Distribuciones Orión", "MX", "SMB"},
	{"Northwind Logistics", "US", "Enterprise"},
	{"Bluefin Analytics", "GB", "SMB"},
	{"Harbor & Pine Foods", "US", "Mid-Market"},
	{"Keystone Manufacturing", "US", "Enterprise"},
	{"Brightwell Health", "GB", "Mid-Market"},
	{"Ostara Energie", "DE", "Enterprise"},
	{"Lumen Retail Group", "FR", "Mid-Market"},
	{"Quarry Lane Software", "GB", "SMB"},
	{"Fjord Freight", "DE", "Mid-Market"},
	{"Atlas Medical Supplies", "US", "Mid-Market"},
	{"Pequeño Taller Digital", "ES", "SMB"},
}

// Spanish-speaking countries get Spanish names, titles and notes.
var spanishCountries = map[string]bool{"ES": true, "MX": true, "AR": true, "CO": true}

var countryRegion = map[string]string{
	"ES": "EMEA", "DE": "EMEA", "FR": "EMEA", "GB": "EMEA", "US": "AMER", "MX": "LATAM", "AR": "LATAM", "CO": "LATAM",
}

var phonePrefix = map[string]string{
	"ES": "+34 6%02d %03d %03d", "MX": "+52 55 %04d %04d", "AR": "+54 11 %04d %04d", "CO": "+57 601 %03d %04d",
	"US": "+1 415 555 01%02d", "GB": "+44 20 7946 0%03d", "DE": "+49 30 %04d%03d", "FR": "+33 1 %02d %02d %02d",
}

var (
	esWomen   = []string{"Lucía", "Carmen", "Sofía", "Marta", "Elena", "Valentina", "Camila", "Isabel", "Paula", "Ana"}
	esMen     = []string{"Javier", "Diego", "Alejandro", "Pablo", "Andrés", "Mateo", "Santiago", "Raúl", "Fernando", "Jorge"}
	esSurname = []string{"Fernández", "Morales", "Ruiz", "Herrera", "Navarro", "Gómez", "Castillo", "Ortega", "Romero", "Vargas", "Delgado", "Jiménez", "Torres", "Medina", "Rojas"}
	enFirst   = []string{"Olivia", "James", "Emma", "Liam", "Charlotte", "Noah", "Amelia", "Ethan", "Harper", "Lucas", "Grace", "Henry", "Chloe", "Daniel", "Zoe", "Oliver", "Priya", "Tom", "Hannah", "Marcus"}
	enSurname = []string{"Bennett", "Carter", "Hughes", "Patel", "Foster", "Reid", "Walsh", "Brooks", "Murphy", "Shaw", "Kelly", "Fischer", "Dubois", "Müller", "Rossi"}
)

// The personas of the demo, with their titles (Spanish ones as
// [feminine, masculine]).
var demoPersonas = []string{"cfo", "it-director", "ops-manager"}

var enTitles = map[string][]string{
	"cfo":         {"CFO", "VP Finance", "Finance Director", "Head of FP&A"},
	"it-director": {"IT Director", "Head of IT", "VP Infrastructure", "CIO"},
	"ops-manager": {"Operations Manager", "Head of Operations", "Supply Chain Manager", "COO"},
}

var esTitles = map[string][][2]string{
	"cfo":         {{"Directora Financiera", "Director Financiero"}, {"Responsable de Finanzas", "Responsable de Finanzas"}, {"CFO", "CFO"}},
	"it-director": {{"Directora de Sistemas", "Director de Sistemas"}, {"Responsable de TI", "Responsable de TI"}, {"CIO", "CIO"}},
	"ops-manager": {{"Jefa de Operaciones", "Jefe de Operaciones"}, {"Gerente de Operaciones", "Gerente de Operaciones"}, {"Responsable de Logística", "Responsable de Logística"}},
}

// The demo's sources, with how often they bring a lead and the range of
// scores their leads get.
type demoSource struct {
	name     string
	weight   int
	lo, hi   int     // score range
	accept   float64 // added to the chance of acceptance
	reasons  []string
	notesEN  []string
	notesES  []string
	campaign string
}

var demoSources = []demoSource{
	{name: "webinar", weight: 25, lo: 55, hi: 92, accept: 0, campaign: "webinar-lead-routing",
		reasons: []string{"not ready", "wrong persona", "not ready", "no budget"},
		notesEN: []string{"Attended the whole webinar on lead routing and asked two questions about the HubSpot integration.", "Stayed for the Q&A; asked how the SLA reminders work across time zones.", "Registered for the webinar with three colleagues from the same team."},
		notesES: []string{"Asistió al webinar completo y preguntó por la integración con SAP.", "Se quedó a las preguntas; quiere saber cómo funcionan los recordatorios del SLA.", "Se inscribió al webinar con dos compañeros de su equipo."}},
	{name: "ebook", weight: 25, lo: 40, hi: 85, accept: -0.05, campaign: "ebook-smarketing-sla",
		reasons: []string{"not ready", "no budget", "wrong persona", "not our ICP"},
		notesEN: []string{"Downloaded the “Sales & marketing SLA” ebook; visited the pricing page twice this week.", "Downloaded two ebooks in a month; opened every nurture email."},
		notesES: []string{"Descargó el ebook del SLA entre ventas y marketing; visitó la página de precios dos veces.", "Ha descargado dos ebooks este mes y abre todos los emails de nurturing."}},
	{name: "paid-search", weight: 25, lo: 35, hi: 82, accept: -0.12, campaign: "search-lead-scoring",
		reasons: []string{"not our ICP", "bad contact data", "not ready", "not our ICP", "other"},
		notesEN: []string{"Came in from the “lead scoring software” ad; filled in the demo form.", "Clicked the comparison ad and requested a trial."},
		notesES: []string{"Llegó por el anuncio de «software de scoring»; rellenó el formulario de demo.", "Entró por el anuncio comparativo y pidió una prueba gratuita."}},
	{name: "events", weight: 12, lo: 60, hi: 90, accept: 0.03, campaign: "revops-summit",
		reasons: []string{"duplicate", "bad contact data", "not ready"},
		notesEN: []string{"Met at our booth at the RevOps Summit; wants a call next week.", "Scanned at the London roadshow; very interested in the digest."},
		notesES: []string{"Lo conocimos en nuestro stand del RevOps Summit de Madrid; quiere una llamada la semana que viene.", "Pasó por el stand en Ciudad de México; le interesa el resumen diario."}},
	{name: "referral", weight: 13, lo: 72, hi: 98, accept: 0.12, campaign: "customer-referral",
		reasons: []string{"no budget", "duplicate"},
		notesEN: []string{"Referred by an existing customer; already has budget approved for next quarter.", "Introduced by a partner; evaluating two tools this month."},
		notesES: []string{"Recomendado por un cliente actual; tiene presupuesto aprobado para el próximo trimestre.", "Nos lo presentó un partner; está evaluando dos herramientas este mes."}},
}

// Comments reps leave with a rejection, by reason.
var rejectComments = map[string][2]string{ // [English, Spanish]
	"not our ICP":      {"Two-person agency; far below our ICP.", "Empresa de 5 empleados, fuera de nuestro ICP."},
	"wrong persona":    {"Intern researching a university project, not a buyer.", "Es estudiante de máster, no decide compras. Habría que nutrirlo desde marketing."},
	"no budget":        {"Budget frozen until the next fiscal year.", "Sin presupuesto hasta el año que viene."},
	"not ready":        {"Just exploring; asked us to check back in the autumn.", "Solo está explorando; pide que volvamos a hablar en otoño."},
	"duplicate":        {"Same person as last week's lead, with another email.", "Ya lo tenemos como lead de la semana pasada con otro email."},
	"bad contact data": {"Phone number and email both bounce.", "El teléfono no existe y el email rebota."},
	"other":            {"A competitor looking at our pricing.", "Es un competidor mirando nuestros precios."},
}
